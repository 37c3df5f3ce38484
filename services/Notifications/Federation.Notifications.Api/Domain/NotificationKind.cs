namespace Federation.Notifications.Domain;

/// <summary>What a notification email is about. Each person may turn each kind off; stored and
/// shown as camelCase ("visitRequested").</summary>
public enum NotificationKind
{
    /// <summary>A visit from the head's school was requested: approve or decline it.</summary>
    VisitRequested,

    /// <summary>A visit to the head's school was approved by the visitor's home school: confirm or decline it.</summary>
    VisitApproved,

    /// <summary>The host confirmed the visitor's visit.</summary>
    VisitConfirmed,

    /// <summary>The home or the host school declined the visitor's visit.</summary>
    VisitDeclined,

    /// <summary>The visit took place: the visitor's reflection is due.</summary>
    ReflectionDue,

    /// <summary>A school asked for one of the head's staff: release them or decline.</summary>
    DeploymentRequested,

    /// <summary>An observer from a partner school proposed to observe one of the head's teachers: accept or decline.</summary>
    ObservationToAccept,
}
