using System.Globalization;
using System.Text;
using CsvHelper;

namespace Federation.BuildingBlocks.DemoData;

/// <summary>An establishment as the national register's "all establishment data" CSV has it: the
/// columns a GIAS import reads, as text (blank is ""). The other columns of the file are written blank.</summary>
public sealed record GiasRecord(
    int Urn,
    string Name,
    int LocalAuthorityCode,
    string LocalAuthorityName,
    string Phase,
    string StatutoryLowAge,
    string StatutoryHighAge,
    string NumberOfPupils,
    string PercentageFsm,
    string Status = "Open",
    string TypeOfEstablishment = "Community school",
    string Region = "East of England",
    string FederationCode = "",
    string FederationName = "",
    string OfstedRating = "",
    string OfstedLastInspection = "");

/// <summary>Writes a file shaped as GIAS publishes it (Windows-1252, CRLF, quoted where needed, about
/// 140 columns in GIAS's order): for the demo region, the tests and the benchmark. Files published since
/// April 2025 have no Ofsted columns: <c>withOfsted: false</c> writes that layout.</summary>
public static class GiasFileWriter
{
    private const string OfstedRating = "OfstedRating (name)";
    private const string OfstedLastInspection = "OfstedLastInsp";

    /// <summary>The header of an "all establishment data" file before April 2025, in its order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (code)",
        "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)", "EstablishmentStatus (code)",
        "EstablishmentStatus (name)", "ReasonEstablishmentOpened (code)", "ReasonEstablishmentOpened (name)", "OpenDate",
        "ReasonEstablishmentClosed (code)", "ReasonEstablishmentClosed (name)", "CloseDate", "PhaseOfEducation (code)",
        "PhaseOfEducation (name)", "StatutoryLowAge", "StatutoryHighAge", "Boarders (code)", "Boarders (name)", "NurseryProvision (name)",
        "OfficialSixthForm (code)", "OfficialSixthForm (name)", "Gender (code)", "Gender (name)", "ReligiousCharacter (code)",
        "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)", "Diocese (name)", "AdmissionsPolicy (code)",
        "AdmissionsPolicy (name)", "SchoolCapacity", "SpecialClasses (code)", "SpecialClasses (name)", "CensusDate", "NumberOfPupils",
        "NumberOfBoys", "NumberOfGirls", "PercentageFSM", "TrustSchoolFlag (code)", "TrustSchoolFlag (name)", "Trusts (code)",
        "Trusts (name)", "SchoolSponsorFlag (name)", "SchoolSponsors (name)", "FederationFlag (name)", "Federations (code)",
        "Federations (name)", "UKPRN", "FEHEIdentifier", "FurtherEducationType (name)", OfstedLastInspection, "LastChangedDate", "Street",
        "Locality", "Address3", "Town", "County (name)", "Postcode", "SchoolWebsite", "TelephoneNum", "HeadTitle (name)", "HeadFirstName",
        "HeadLastName", "HeadPreferredJobTitle", "BSOInspectorateName (name)", "InspectorateReport", "DateOfLastInspectionVisit",
        "NextInspectionVisit", "TeenMoth (name)", "TeenMothPlaces", "CCF (name)", "SENPRU (name)", "EBD (name)", "PlacesPRU",
        "FTProv (name)", "EdByOther (name)", "Section41Approved (name)", "SEN1 (name)", "SEN2 (name)", "SEN3 (name)", "SEN4 (name)",
        "SEN5 (name)", "SEN6 (name)", "SEN7 (name)", "SEN8 (name)", "SEN9 (name)", "SEN10 (name)", "SEN11 (name)", "SEN12 (name)",
        "SEN13 (name)", "TypeOfResourcedProvision (name)", "ResourcedProvisionOnRoll", "ResourcedProvisionCapacity", "SenUnitOnRoll",
        "SenUnitCapacity", "GOR (code)", "GOR (name)", "DistrictAdministrative (code)", "DistrictAdministrative (name)",
        "AdministrativeWard (code)", "AdministrativeWard (name)", "ParliamentaryConstituency (code)", "ParliamentaryConstituency (name)",
        "UrbanRural (code)", "UrbanRural (name)", "GSSLACode (name)", "Easting", "Northing", "MSOA (name)", "LSOA (name)",
        "InspectorateName (name)", "SENStat", "SENNoStat", "BoardingEstablishment (name)", "PropsName", "PreviousLA (code)",
        "PreviousLA (name)", "PreviousEstablishmentNumber", OfstedRating, "RSCRegion (name)", "Country (name)", "UPRN", "SiteName",
        "QABName (code)", "QABName (name)", "EstablishmentAccredited (code)", "EstablishmentAccredited (name)", "QABReport", "CHNumber",
        "MSOA (code)", "LSOA (code)", "FSM", "AccreditationExpiryDate",
    ];

    static GiasFileWriter() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static void Write(Stream stream, IEnumerable<GiasRecord> records, bool withOfsted = false)
    {
        var columns = withOfsted ? Columns : Columns.Where(column => column is not (OfstedRating or OfstedLastInspection)).ToArray();
        using var text = new StreamWriter(stream, Encoding.GetEncoding(1252), bufferSize: 1 << 16, leaveOpen: true);
        using var csv = CsvWriter.Create(text, new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture, NewLine = "\r\n" }, true);
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }
        csv.EndRecord();
        foreach (var record in records)
        {
            foreach (var column in columns)
            {
                csv.WriteField(Field(record, column));
            }
            csv.EndRecord();
        }
    }

    public static byte[] ToBytes(IEnumerable<GiasRecord> records, bool withOfsted = false)
    {
        using var stream = new MemoryStream();
        Write(stream, records, withOfsted);
        return stream.ToArray();
    }

    private static string Field(GiasRecord record, string column) => column switch
    {
        "URN" => record.Urn.ToString(CultureInfo.InvariantCulture),
        "LA (code)" => record.LocalAuthorityCode.ToString(CultureInfo.InvariantCulture),
        "LA (name)" => record.LocalAuthorityName,
        "EstablishmentNumber" => (record.Urn % 10000).ToString("D4", CultureInfo.InvariantCulture),
        "EstablishmentName" => record.Name,
        "TypeOfEstablishment (name)" => record.TypeOfEstablishment,
        "EstablishmentStatus (name)" => record.Status,
        "PhaseOfEducation (name)" => record.Phase,
        "StatutoryLowAge" => record.StatutoryLowAge,
        "StatutoryHighAge" => record.StatutoryHighAge,
        "NumberOfPupils" => record.NumberOfPupils,
        "PercentageFSM" => record.PercentageFsm,
        "FederationFlag (name)" => record.FederationCode.Length > 0 ? "Supported by a federation" : "Not applicable",
        "Federations (code)" => record.FederationCode,
        "Federations (name)" => record.FederationName,
        OfstedRating => record.OfstedRating,
        OfstedLastInspection => record.OfstedLastInspection,
        "GOR (name)" => record.Region,
        "Country (name)" => "United Kingdom",
        "Town" => record.LocalAuthorityName,
        _ => "",
    };
}
