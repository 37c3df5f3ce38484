namespace Federation.Web.Pages.Decide;

/// <summary>What waits for a head's decision, whichever service holds it: a visit to approve or to
/// confirm, a deployment of their staff to agree, a cross-school observation to accept. Each is
/// decided by its API's step (<c>POST {Api}/{id}/{step}</c>); declining needs a reason.</summary>
public sealed record Decision(string Kind, Guid Id, string Title, IReadOnlyList<(string Label, string Value)> Facts, string Step, string StepLabel)
{
    /// <summary>The API of each kind, and the steps the page may take there (nothing else is posted).</summary>
    public static readonly IReadOnlyDictionary<string, (string Api, string[] Steps)> Kinds = new Dictionary<string, (string, string[])>
    {
        ["visit"] = ("/api/exchange-visits", ["approve", "confirm", "decline"]),
        ["deployment"] = ("/api/deployments", ["agree", "decline"]),
        ["observation"] = ("/api/observations", ["accept", "decline"]),
    };

    /// <summary>The form field of the reason for declining this one (its errors are keyed by it).</summary>
    public string ReasonField => $"Reason-{Id}";
}
