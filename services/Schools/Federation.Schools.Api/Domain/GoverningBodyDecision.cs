namespace Federation.Schools.Domain;

/// <summary>A governing body's recorded decision to federate.</summary>
public sealed record GoverningBodyDecision(DateOnly DecidedOn, string MinuteReference);
