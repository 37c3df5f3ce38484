using System.Globalization;
using System.Text;
using CsvHelper;

namespace Federation.Schools.Domain;

/// <summary>What a GIAS import takes from the file besides the columns: the free-school-meals band
/// cut-offs (configuration section "Gias"). DOMAIN.md §1.5: the bands are 1 (most advantaged) to 4,
/// and the seeds give no cut-offs.</summary>
public sealed class GiasOptions
{
    private static readonly decimal[] DefaultBounds = [10m, 20m, 35m];

    /// <summary>The percentage of pupils eligible for free school meals below which a school is in
    /// band 1, 2 and 3; from the last one up, band 4. Empty: 10, 20 and 35. (Empty by default: the
    /// configuration binder adds to an array, it does not replace it.)</summary>
    public decimal[] FsmBandUpperBounds { get; set; } = [];

    public bool IsValid => FsmBandUpperBounds is [] || FsmBandUpperBounds is [> 0, var second, var third]
        && FsmBandUpperBounds[0] < second && second < third && third <= 100;

    public int FsmBand(decimal percentage) =>
        (FsmBandUpperBounds is [] ? DefaultBounds : FsmBandUpperBounds).Count(bound => percentage >= bound) + 1;
}

/// <summary>An open establishment of the file, as the directory keeps it. Null numbers are blank in
/// the file: unknown, never zero.</summary>
/// <param name="Row">Its row in the file, the header being row 1 (as a spreadsheet numbers it).</param>
/// <param name="Ofsted">Null when the file has no Ofsted columns (GIAS files since April 2025).</param>
public sealed record GiasEstablishment(
    int Row, int Urn, string Name, GiasLocalAuthority LocalAuthority, SchoolPhase Phase, int? LowestAge, int? HighestAge,
    int? PupilsOnRoll, int? FsmBand, GiasOfsted? Ofsted, GiasFederation? Federation);

/// <summary>A local authority as GIAS names it: "LA (code)", "LA (name)" and the region ("GOR (name)").</summary>
public sealed record GiasLocalAuthority(int Code, string Name, string Region);

/// <summary>An establishment's last inspection in the file. Inspections since September 2024 have no
/// single-word grade: a null grade with a date is normal.</summary>
public sealed record GiasOfsted(int? Grade, DateOnly? InspectedOn, OfstedCategory Category);

/// <summary>The federation GIAS lists the establishment in.</summary>
public sealed record GiasFederation(string Code, string Name);

/// <summary>A row the import leaves alone, and why.</summary>
public sealed record GiasSkippedRow(int Row, int? Urn, string? Name, string Reason);

/// <summary>A file read: the establishments to import and the rows skipped.</summary>
public sealed record GiasRead(IReadOnlyList<GiasEstablishment> Establishments, IReadOnlyList<GiasSkippedRow> Skipped, bool HasOfsted);

/// <summary>The file is not a whole GIAS establishment file: nothing of it is imported.</summary>
public sealed class GiasFileException(string message) : Exception(message);

/// <summary>Reads the "all establishment data" CSV of Get Information about Schools as published:
/// Windows-1252 (UTF-8 when it starts with a byte-order mark), about 140 columns addressed by their
/// header, dates as dd-MM-yyyy, quoted commas, many blank fields, CRLF line endings. Files published
/// since April 2025 have no Ofsted columns; older ones do, and only then is Ofsted taken from the file.</summary>
public static class GiasFile
{
    private static readonly string[] RequiredColumns =
        ["URN", "EstablishmentName", "LA (code)", "LA (name)", "EstablishmentStatus (name)", "PhaseOfEducation (name)"];

    private const string OfstedRating = "OfstedRating (name)";
    private const string OfstedLastInspection = "OfstedLastInsp";

    private static readonly Dictionary<string, SchoolPhase> Phases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Nursery"] = SchoolPhase.Nursery,
        ["Primary"] = SchoolPhase.Primary,
        ["Middle deemed primary"] = SchoolPhase.Middle,
        ["Middle deemed secondary"] = SchoolPhase.Middle,
        ["Secondary"] = SchoolPhase.Secondary,
        ["All-through"] = SchoolPhase.AllThrough,
        ["16 plus"] = SchoolPhase.SixteenPlus,
    };

    private static readonly Dictionary<string, (int Grade, OfstedCategory Category)> Ratings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Outstanding"] = (1, OfstedCategory.None),
        ["Good"] = (2, OfstedCategory.None),
        ["Requires improvement"] = (3, OfstedCategory.None),
        ["Satisfactory"] = (3, OfstedCategory.None),
        ["Inadequate"] = (4, OfstedCategory.None),
        ["Serious Weaknesses"] = (4, OfstedCategory.SeriousWeaknesses),
        ["Special Measures"] = (4, OfstedCategory.SpecialMeasures),
    };

    static GiasFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<GiasRead> ReadAsync(Stream file, GiasOptions options, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(file, Encoding.GetEncoding(1252), detectEncodingFromByteOrderMarks: true);
        await using var csv = CsvReader.Create(text, CsvReaderOptions.Default with
        {
            Separator = ',',
            NormalizeHeaderName = name => name.Trim().ToUpperInvariant(),
            // Every row of a GIAS file has every column, and every quote closes: a short row or an
            // open quote is a file cut off in the middle.
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            MalformedData = CsvMalformedDataHandling.Throw,
        });
        string[] header;
        try
        {
            await csv.ReadHeaderAsync(cancellationToken);
            header = [.. csv.Headers];
        }
        catch (CsvFormatException)
        {
            header = [];
        }
        var columns = header.Select(column => column.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = RequiredColumns.Where(column => !columns.Contains(column)).ToArray();
        if (missing.Length == RequiredColumns.Length)
        {
            throw new GiasFileException(
                "This is not a GIAS establishment file: it has no URN column. Download \"all establishment data\" from Get Information about Schools.");
        }
        if (missing.Length > 0)
        {
            throw new GiasFileException($"The file has no {string.Join(", ", missing.Select(column => $"\"{column}\""))} column.");
        }
        var hasOfsted = columns.Contains(OfstedRating) && columns.Contains(OfstedLastInspection);
        var columnReader = new Columns(csv, columns);

        var establishments = new List<GiasEstablishment>();
        var skipped = new List<GiasSkippedRow>();
        var rowsByUrn = new Dictionary<int, int>();
        try
        {
            while (await csv.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = (int)csv.RowNumber + 1;
                switch (Establishment(columnReader, row, hasOfsted, options))
                {
                    case GiasSkippedRow skip:
                        skipped.Add(skip);
                        break;
                    case GiasEstablishment establishment when rowsByUrn.TryGetValue(establishment.Urn, out var first):
                        skipped.Add(new GiasSkippedRow(row, establishment.Urn, establishment.Name, $"URN repeated: row {first} has it."));
                        break;
                    case GiasEstablishment establishment:
                        rowsByUrn[establishment.Urn] = row;
                        establishments.Add(establishment);
                        break;
                }
            }
        }
        catch (CsvFormatException)
        {
            throw new GiasFileException(
                $"The row after row {csv.RowNumber + 1} does not have the header's {header.Length} columns or leaves a quote open: "
                + "the file looks cut short. Download it again.");
        }
        if (establishments.Count == 0 && skipped.Count == 0)
        {
            throw new GiasFileException("The file has a header but no establishments.");
        }
        return new GiasRead(establishments, skipped, hasOfsted);
    }

    /// <summary>The row as an establishment, or why it is skipped.</summary>
    private static object Establishment(Columns columns, int row, bool hasOfsted, GiasOptions options)
    {
        var urnText = columns["URN"];
        var name = columns["EstablishmentName"];
        int? urn = int.TryParse(urnText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        GiasSkippedRow Skip(string reason) => new(row, urn, name is "" ? null : name, reason);

        if (urn is not (>= 100000 and <= 999999))
        {
            return Skip($"URN \"{urnText}\" is not a six-digit number.");
        }
        if (name.Length is 0 or > 200)
        {
            return Skip(name.Length == 0 ? "EstablishmentName is blank." : "EstablishmentName is over 200 characters.");
        }
        var status = columns["EstablishmentStatus (name)"];
        if (!status.Equals("Open", StringComparison.OrdinalIgnoreCase)
            && !status.Equals("Open, but proposed to close", StringComparison.OrdinalIgnoreCase))
        {
            return Skip($"Not open (EstablishmentStatus \"{status}\").");
        }
        if (!int.TryParse(columns["LA (code)"], NumberStyles.None, CultureInfo.InvariantCulture, out var laCode)
            || columns["LA (name)"] is not { Length: > 0 and <= 200 } laName)
        {
            return Skip($"LA (code) \"{columns["LA (code)"]}\" and LA (name) \"{columns["LA (name)"]}\" do not name a local authority.");
        }
        if (PhaseOf(columns["PhaseOfEducation (name)"], columns["TypeOfEstablishment (name)"]) is not { } phase)
        {
            return Skip($"Not a school phase the directory keeps (PhaseOfEducation \"{columns["PhaseOfEducation (name)"]}\", "
                + $"TypeOfEstablishment \"{columns["TypeOfEstablishment (name)"]}\").");
        }
        if (!Number(columns["StatutoryLowAge"], 2, 18, out var lowestAge) || !Number(columns["StatutoryHighAge"], 3, 19, out var highestAge)
            || lowestAge >= highestAge)
        {
            return Skip($"StatutoryLowAge \"{columns["StatutoryLowAge"]}\" to StatutoryHighAge \"{columns["StatutoryHighAge"]}\" is not an age range.");
        }
        if (!Number(columns["NumberOfPupils"], 0, 20000, out var pupils))
        {
            return Skip($"NumberOfPupils \"{columns["NumberOfPupils"]}\" is not a number of pupils.");
        }
        if (!FsmBand(columns["PercentageFSM"], options, out var fsmBand))
        {
            return Skip($"PercentageFSM \"{columns["PercentageFSM"]}\" is not a percentage.");
        }
        GiasOfsted? ofsted = null;
        if (hasOfsted)
        {
            var rating = columns[OfstedRating];
            var inspected = columns[OfstedLastInspection];
            (int Grade, OfstedCategory Category)? grade = rating.Length == 0 ? null
                : Ratings.TryGetValue(rating, out var known) ? known : null;
            if (rating.Length > 0 && grade is null)
            {
                return Skip($"OfstedRating \"{rating}\" is not an Ofsted judgement.");
            }
            DateOnly? inspectedOn = null;
            if (inspected.Length > 0)
            {
                if (!DateOnly.TryParseExact(inspected, "dd-MM-yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return Skip($"OfstedLastInsp \"{inspected}\" is not a dd-MM-yyyy date.");
                }
                inspectedOn = date;
            }
            ofsted = new GiasOfsted(grade?.Grade, inspectedOn, grade?.Category ?? OfstedCategory.None);
        }
        var federationCode = columns["Federations (code)"];
        var federation = federationCode.Length is > 0 and <= 50
            ? new GiasFederation(federationCode, columns["Federations (name)"] is { Length: > 0 and <= 200 } federationName ? federationName : federationCode)
            : null;
        return new GiasEstablishment(
            row, urn.Value, name, new GiasLocalAuthority(laCode, laName, columns["GOR (name)"] is { Length: > 0 and <= 100 } region ? region : "England"),
            phase, lowestAge, highestAge, pupils, fsmBand, ofsted, federation);
    }

    /// <summary>GIAS gives special schools and pupil referral units the phase "Not applicable"; their
    /// type says what they are.</summary>
    private static SchoolPhase? PhaseOf(string phase, string type) =>
        Phases.TryGetValue(phase, out var known) ? known
        : type.Contains("special", StringComparison.OrdinalIgnoreCase) ? SchoolPhase.Special
        : type.Contains("pupil referral", StringComparison.OrdinalIgnoreCase)
          || type.Contains("alternative provision", StringComparison.OrdinalIgnoreCase) ? SchoolPhase.AlternativeProvision
        : null;

    /// <summary>Blank is unknown (null); otherwise a whole number in range.</summary>
    private static bool Number(string text, int lowest, int highest, out int? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= lowest && number <= highest)
        {
            value = number;
            return true;
        }
        return false;
    }

    /// <summary>Blank, or suppressed ("SUPP") to protect small numbers of pupils, is unknown.</summary>
    private static bool FsmBand(string text, GiasOptions options, out int? band)
    {
        band = null;
        if (text.Length == 0 || text.Equals("SUPP", StringComparison.OrdinalIgnoreCase) || text.Equals("NA", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percentage) && percentage <= 100)
        {
            band = options.FsmBand(percentage);
            return true;
        }
        return false;
    }

    /// <summary>A row's fields by column name; a column the file does not have reads as blank.</summary>
    private sealed class Columns(CsvReader csv, HashSet<string> present)
    {
        public string this[string column] =>
            present.Contains(column) ? csv.GetString(column).Trim() : "";
    }
}
