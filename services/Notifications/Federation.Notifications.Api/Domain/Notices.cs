using System.Globalization;
using Federation.Contracts.Exchanges;
using Federation.Contracts.Observations;
using Federation.Contracts.Staff;

namespace Federation.Notifications.Domain;

/// <summary>Who is told: the heads of a school (its headteacher and head of school; when it has
/// neither, the executive principal of its federation), or one person. <paramref name="Except"/>
/// is never told (a head who asked to visit does not approve their own request by email).</summary>
public sealed record Audience(Guid? HeadsOfSchoolId, Guid? PersonId, Guid? Except)
{
    public static Audience HeadsOf(Guid schoolId, Guid? except = null) => new(schoolId, null, except);

    public static Audience Person(Guid personId) => new(null, personId, null);
}

/// <summary>What one workflow event asks for: its kind, the object it is about (a visit, a
/// deployment, an observation), who is told, the web application's page they open, and the people
/// and schools the email names.</summary>
/// <param name="PersonId">The person the email is about (the visitor, the deployed person, the observer).</param>
/// <param name="OtherPersonId">A second person it names (the observed teacher).</param>
public sealed record Notice(
    NotificationKind Kind,
    Guid SubjectId,
    Audience Audience,
    string Path,
    Guid PersonId,
    Guid? OtherPersonId,
    Guid FromSchoolId,
    Guid ToSchoolId,
    DateOnly On,
    DateOnly? Until,
    string Session,
    string? DeclinedBy = null);

/// <summary>The names a notice's email uses, from the access replica; an unknown one reads as a plain phrase.</summary>
public sealed record NoticeNames(string Person, string? OtherPerson, string FromSchool, string ToSchool);

/// <summary>An email as it is sent.</summary>
public sealed record Letter(string Subject, string Body);

/// <summary>Which events are told to whom (the workflows' steps that wait for someone or that
/// someone should know of), and the email each one gives. No I/O: the consumer finds the
/// recipients and names, the sender sends.</summary>
public static class Notices
{
    /// <summary>The notice an event gives; null for an event nobody is emailed about.</summary>
    public static Notice? For(object integrationEvent) => integrationEvent switch
    {
        ExchangeVisitRequested e => Visit(NotificationKind.VisitRequested, e.Visit, Audience.HeadsOf(e.Visit.HomeSchoolId, except: e.Visit.VisitorId), "/decide"),
        ExchangeVisitApproved e => Visit(NotificationKind.VisitApproved, e.Visit, Audience.HeadsOf(e.Visit.HostSchoolId, except: e.Visit.VisitorId), "/decide"),
        ExchangeVisitConfirmed e => Visit(NotificationKind.VisitConfirmed, e.Visit, Audience.Person(e.Visit.VisitorId), "/visits"),
        ExchangeVisitDeclined e => Visit(NotificationKind.VisitDeclined, e.Visit, Audience.Person(e.Visit.VisitorId), "/visits") with { DeclinedBy = e.DeclinedBy },
        ExchangeVisitCompleted e => Visit(NotificationKind.ReflectionDue, e.Visit, Audience.Person(e.Visit.VisitorId), $"/visits/{e.Visit.VisitId}/reflection"),
        StaffDeploymentRequested e => new Notice(
            NotificationKind.DeploymentRequested, e.Deployment.DeploymentId, Audience.HeadsOf(e.Deployment.HomeSchoolId, except: e.Deployment.PersonId),
            "/decide", e.Deployment.PersonId, null, e.Deployment.HomeSchoolId, e.Deployment.HostSchoolId,
            e.Deployment.StartsOn, e.Deployment.EndsOn, e.Deployment.Session),
        CrossSchoolObservationProposed e when e.Observation.ObserverIds.Count > 0 => new Notice(
            NotificationKind.ObservationToAccept, e.Observation.ObservationId, Audience.HeadsOf(e.Observation.SchoolId),
            "/decide", e.Observation.ObserverIds[0], e.Observation.TeacherId,
            e.Observation.ObserverSchoolIds.Count > 0 ? e.Observation.ObserverSchoolIds[0] : e.Observation.SchoolId, e.Observation.SchoolId,
            e.Observation.ObserveOn, null, ""),
        _ => null,
    };

    private static Notice Visit(NotificationKind kind, ExchangeVisit visit, Audience audience, string path) =>
        new(kind, visit.VisitId, audience, path, visit.VisitorId, null, visit.HomeSchoolId, visit.HostSchoolId, visit.VisitOn, null, visit.Session);

    /// <summary>The email to <paramref name="recipientName"/>; <paramref name="webUrl"/> is the web
    /// application's address, which the page's link and the settings' link start with.</summary>
    public static Letter Write(Notice notice, NoticeNames names, string recipientName, Uri webUrl)
    {
        var day = Day(notice.On);
        var part = SessionWords(notice.Session);
        var (subject, what, action) = notice.Kind switch
        {
            NotificationKind.VisitRequested => (
                $"{names.Person} asks to visit {names.ToSchool} on {day}",
                $"{names.Person} of {names.FromSchool} asks to visit {names.ToSchool} on {day}{part}.",
                "The request waits for your decision: approve or decline it on your \"To decide\" page"),
            NotificationKind.VisitApproved => (
                $"{names.FromSchool} asks to send {names.Person} to you on {day}",
                $"{names.FromSchool} approved a visit by {names.Person} to {names.ToSchool} on {day}{part}.",
                "It waits for your school to confirm or decline it on your \"To decide\" page"),
            NotificationKind.VisitConfirmed => (
                $"Your visit to {names.ToSchool} on {day} is confirmed",
                $"{names.ToSchool} confirmed your visit on {day}{part}.",
                "Your visits are on this page"),
            NotificationKind.VisitDeclined => (
                $"Your visit to {names.ToSchool} on {day} was declined",
                notice.DeclinedBy == "home"
                    ? $"Your school declined your visit to {names.ToSchool} on {day}{part}."
                    : $"{names.ToSchool} declined your visit on {day}{part}.",
                "The reason is with the visit on this page"),
            NotificationKind.ReflectionDue => (
                $"Your reflection on the visit to {names.ToSchool} is due",
                $"Your visit to {names.ToSchool} on {day} has taken place.",
                "Write what you learned and what you will take home on this page"),
            NotificationKind.DeploymentRequested => (
                $"{names.ToSchool} asks for {names.Person}",
                $"{names.ToSchool} asks for {names.Person} of {names.FromSchool}, {Days(notice.On, notice.Until)}{part}.",
                "The request waits for your decision: release them or decline on your \"To decide\" page"),
            NotificationKind.ObservationToAccept => (
                $"{names.Person} proposes to observe a lesson at {names.ToSchool} on {day}",
                $"{names.Person} of {names.FromSchool} proposes to observe {names.OtherPerson ?? "a teacher"}'s lesson at {names.ToSchool} on {day}.",
                "It waits for you to accept or decline it on your \"To decide\" page"),
            var kind => throw new ArgumentOutOfRangeException(nameof(notice), kind, "A kind without an email."),
        };
        var body = $"""
            Dear {recipientName},

            {what}

            {action}:
            {Link(webUrl, notice.Path)}

            You receive this email from the Federation platform. To choose which emails you receive:
            {Link(webUrl, SettingsPath)}
            """;
        return new Letter(subject, body.ReplaceLineEndings("\r\n"));
    }

    /// <summary>The web application's page where a person turns each kind on or off.</summary>
    public const string SettingsPath = "/settings/notifications";

    public static string Link(Uri webUrl, string path) => new Uri(webUrl, path).ToString();

    // dddd and MMMM read in English with the invariant culture the services run with.
    private static string Day(DateOnly day) => day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string Days(DateOnly from, DateOnly? until) =>
        until is { } last && last != from ? $"from {Day(from)} to {Day(last)}" : $"on {Day(from)}";

    private static string SessionWords(string session) => session switch
    {
        "morning" => ", in the morning",
        "afternoon" => ", in the afternoon",
        "wholeDay" => ", for the whole day",
        _ => "",
    };
}
