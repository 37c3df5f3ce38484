using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Federation.BuildingBlocks.Api;
using Federation.BuildingBlocks.DemoData;
using Federation.Contracts.Schools;
using Federation.Schools.Api;
using Federation.Schools.Data;
using Federation.Schools.Domain;
using Federation.Testing;

namespace Federation.Schools.Tests;

/// <summary>Issue 14: loading schools from the national register's CSV (GIAS), as published.</summary>
public sealed class GiasImportTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    private static int nextCode = 800;

    [Fact]
    public async Task A_GIAS_file_creates_updates_and_skips_row_by_row_and_the_same_file_again_changes_nothing()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var existing = await fixture.NewSchoolAsync(authority.Id, "Orwell High");
        var code = Interlocked.Increment(ref nextCode);
        var newAuthority = $"Thurrock {Guid.NewGuid():N}"[..20];
        var (stMarys, castleHill, special, elsewhere) = (NewUrn(), NewUrn(), NewUrn(), NewUrn());
        var file = GiasFileWriter.ToBytes(
        [
            Row(stMarys, "St Mary’s C of E Primary School – Ipswich", authority.Name, code, "Primary", "4", "11", "210", "23.4",
                ofstedRating: "Good", ofstedLastInspection: "14-03-2023", federationCode: "FED4711", federationName: "The Orwell Federation"),
            Row(castleHill, "Castle Hill, Infant School", authority.Name, code, "Primary", "", "", "", "", ofstedLastInspection: "02-10-2025"),
            Row(NewUrn(), "Old Road Junior School", authority.Name, code, "Primary", "7", "11", "180", "12.0", status: "Closed"),
            Row(stMarys, "St Mary’s again", authority.Name, code, "Primary", "4", "11", "210", "23.4"),
            Row(NewUrn(), "University of the East", authority.Name, code, "Not applicable", "", "", "", "", type: "Higher education institutions"),
            Row(existing.Urn, "Orwell High", authority.Name, code, "Secondary", "11", "18", "1750", ""),
            Row(special, "Gainsborough Special School", authority.Name, code, "Not applicable", "3", "19", "96", "SUPP",
                type: "Community special school", federationCode: "FED4711", federationName: "The Orwell Federation"),
            Row(elsewhere, "Grays Primary", newAuthority, 990 + (code % 9), "Primary", "4", "11", "300", "41.5"),
        ], withOfsted: true);
        var outboxBefore = await fixture.Service.CountAsync("outbox");

        var first = await ImportAsync(fixture.Admin, file);

        Assert.Equal((4, 1, 0, 3, 1, 1, true), (first.Created, first.Updated, first.Unchanged, first.Skipped,
            first.LocalAuthoritiesRegistered, first.FederationsToConfirm, first.OfstedFromFile));
        Assert.Equal(
            ["2 Created", "3 Created", "4 Skipped Not open (EstablishmentStatus \"Closed\").", "5 Skipped URN repeated: row 2 has it.",
             "6 Skipped Not a school phase the directory keeps (PhaseOfEducation \"Not applicable\", TypeOfEstablishment \"Higher education institutions\").",
             "7 Updated pupilsOnRoll", "8 Created", "9 Created"],
            first.Rows.Select(row => $"{row.Row} {row.Outcome}{(row.Reason is null ? "" : $" {row.Reason}")}{(row.Changes is null ? "" : $" {string.Join(",", row.Changes)}")}"));

        var schools = (await fixture.Admin.GetFromJsonAsync<Page<SchoolResponse>>($"/api/schools?localAuthorityId={authority.Id}&limit=50", Json.Options))!.Items;
        var stMarysRead = schools.Single(school => school.Urn == stMarys);
        Assert.Equal(("St Mary’s C of E Primary School – Ipswich", SchoolPhase.Primary, 4, 11, 210, 3, 2, new DateOnly(2023, 3, 14)),
            (stMarysRead.Name, stMarysRead.Phase, stMarysRead.LowestAge!.Value, stMarysRead.HighestAge!.Value, stMarysRead.PupilsOnRoll!.Value,
             stMarysRead.FsmBand!.Value, stMarysRead.OfstedGrade!.Value, stMarysRead.OfstedInspectedOn!.Value));
        var castleHillRead = schools.Single(school => school.Urn == castleHill);
        Assert.Equal(("Castle Hill, Infant School", null, null, null, null, null, new DateOnly(2025, 10, 2)),
            (castleHillRead.Name, castleHillRead.LowestAge, castleHillRead.HighestAge, castleHillRead.PupilsOnRoll, castleHillRead.FsmBand,
             castleHillRead.OfstedGrade, castleHillRead.OfstedInspectedOn));
        var existingRead = schools.Single(school => school.Urn == existing.Urn);
        Assert.Equal((1750, 2, 2, "Technology"), (existingRead.PupilsOnRoll!.Value, existingRead.FsmBand!.Value,
            existingRead.OfstedGrade!.Value, string.Join(",", existingRead.Specialisms)));
        Assert.Equal((SchoolPhase.Special, (int?)null), (schools.Single(school => school.Urn == special).Phase,
            schools.Single(school => school.Urn == special).FsmBand));
        var authorities = (await fixture.Admin.GetFromJsonAsync<Page<LocalAuthorityResponse>>("/api/local-authorities?limit=100", Json.Options))!.Items;
        Assert.Equal(code, authorities.Single(row => row.Id == authority.Id).Code);
        Assert.Equal("East of England", authorities.Single(row => row.Name == newAuthority).Region);

        // One event for the file's schools, each as SchoolRegistered or SchoolUpdated would have carried it.
        var imported = await fixture.Events.WaitFor<SchoolsImported>(e => e.Registered.Any(school => school.Urn == stMarys));
        Assert.Equal(new[] { castleHill, elsewhere, special, stMarys }.Order(), imported.Registered.Select(school => school.Urn).Order());
        Assert.Equal((3, 210), imported.Registered.Where(school => school.Urn == stMarys).Select(school => (school.FsmBand, school.PupilsOnRoll)).Single());
        Assert.Null(imported.Registered.Single(school => school.Urn == castleHill).PupilsOnRoll);
        Assert.Equal(1750, imported.Updated.Single().PupilsOnRoll);

        var toConfirm = await fixture.Admin.GetFromJsonAsync<FederationToConfirmResponse[]>(
            $"/api/federations/to-confirm?localAuthorityId={authority.Id}", Json.Options);
        var orwell = Assert.Single(toConfirm!);
        Assert.Equal(("FED4711", "The Orwell Federation"), (orwell.GiasCode, orwell.Name));
        Assert.Equal(new[] { stMarysRead.Id, schools.Single(school => school.Urn == special).Id }.Order(), orwell.SchoolIds.Order());

        var outboxAfterFirst = await fixture.Service.CountAsync("outbox");
        Assert.Equal(outboxBefore + 2, outboxAfterFirst); // the new authority's event, and one for the schools
        var second = await ImportAsync(fixture.Admin, file);
        Assert.Equal((0, 0, 5, 3, 0, 0), (second.Created, second.Updated, second.Unchanged, second.Skipped,
            second.LocalAuthoritiesRegistered, second.FederationsToConfirm));
        Assert.Equal(outboxAfterFirst, await fixture.Service.CountAsync("outbox"));
    }

    [Fact]
    public async Task A_file_published_since_April_2025_has_no_Ofsted_columns_and_leaves_the_directorys_Ofsted_as_it_is()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var existing = await fixture.NewSchoolAsync(authority.Id, "Kesgrave High");
        var file = GiasFileWriter.ToBytes(
            [Row(existing.Urn, "Kesgrave High School", authority.Name, Interlocked.Increment(ref nextCode), "Secondary", "11", "18", "1800", "")],
            withOfsted: false);

        var import = await ImportAsync(fixture.Admin, file);

        Assert.False(import.OfstedFromFile);
        Assert.Equal(["name"], import.Rows.Single().Changes!);
        var read = await fixture.Admin.GetFromJsonAsync<SchoolResponse>($"/api/schools/{existing.Id}", Json.Options);
        Assert.Equal(("Kesgrave High School", 2, new DateOnly(2024, 11, 14)), (read!.Name, read.OfstedGrade!.Value, read.OfstedInspectedOn!.Value));
    }

    [Fact]
    public async Task A_browsers_upload_of_the_file_as_a_form_imports_it_too()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var urn = NewUrn();
        using var form = new MultipartFormDataContent
        {
            { Csv(GiasFileWriter.ToBytes([Row(urn, "Form Primary", authority.Name, Interlocked.Increment(ref nextCode), "Primary", "4", "11", "200", "")])), "file", "edubasealldata.csv" },
        };

        var response = await fixture.Admin.PostAsync("/api/schools/imports", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(GiasRowOutcome.Created, (await response.Content.ReadFromJsonAsync<GiasImportResponse>(Json.Options))!.Rows.Single().Outcome);
    }

    public static TheoryData<string> MalformedFiles => ["no URN column", "truncated download", "a picture", "header only", "empty"];

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public async Task A_malformed_file_answers_400_naming_the_file_and_writes_nothing(string kind)
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var whole = GiasFileWriter.ToBytes(Enumerable.Range(0, 20).Select(index =>
            Row(NewUrn(), $"School {index}, of the file", authority.Name, 700 + index, "Primary", "4", "11", "200", "10.5")));
        byte[] file = kind switch
        {
            "no URN column" => Encoding.UTF8.GetBytes("Name,Email\r\nHelen Ward,helen@example.org\r\n"),
            "truncated download" => whole[..(whole.Length * 2 / 3)],
            "a picture" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
            "header only" => GiasFileWriter.ToBytes([]),
            _ => [],
        };
        var counts = await CountsAsync();

        var response = await fixture.Admin.PostAsync("/api/schools/imports", Csv(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("file", out _), await response.Content.ReadAsStringAsync());
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task An_officer_imports_the_rows_of_their_own_authority_and_the_others_are_skipped_with_the_reason()
    {
        var mine = await fixture.NewLocalAuthorityAsync();
        var other = await fixture.NewLocalAuthorityAsync();
        var (officer, _) = await fixture.HoldsAsync("localAuthorityOfficer", "localAuthority", mine.Id);
        var (head, _) = await fixture.HoldsAsync("headteacher", "school", (await fixture.NewSchoolAsync(mine.Id)).Id);
        var file = GiasFileWriter.ToBytes(
        [
            Row(NewUrn(), "Mine Primary", mine.Name, Interlocked.Increment(ref nextCode), "Primary", "4", "11", "200", "10.5"),
            Row(NewUrn(), "Theirs Primary", other.Name, Interlocked.Increment(ref nextCode), "Primary", "4", "11", "200", "10.5"),
            Row(NewUrn(), "Nowhere Primary", "Nowhere", Interlocked.Increment(ref nextCode), "Primary", "4", "11", "200", "10.5"),
        ]);

        var import = await ImportAsync(officer, file);

        Assert.Equal([GiasRowOutcome.Created, GiasRowOutcome.Skipped, GiasRowOutcome.Skipped], import.Rows.Select(row => row.Outcome));
        Assert.Contains("not a local authority you manage", import.Rows[1].Reason);
        Assert.Contains("not a registered local authority", import.Rows[2].Reason);
        Assert.Equal(0, import.LocalAuthoritiesRegistered);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsync("/api/schools/imports", Csv(file))).StatusCode);
    }

    private static int NewUrn() => SchoolsServiceFixture.NewUrn();

    private static GiasRecord Row(
        int urn, string name, string authority, int code, string phase, string low, string high, string pupils, string fsm,
        string status = "Open", string type = "Community school", string federationCode = "", string federationName = "",
        string ofstedRating = "", string ofstedLastInspection = "") =>
        new(urn, name, code, authority, phase, low, high, pupils, fsm, status, type, "East of England", federationCode, federationName,
            ofstedRating, ofstedLastInspection);

    private static ByteArrayContent Csv(byte[] file) => new(file) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };

    private static async Task<GiasImportResponse> ImportAsync(HttpClient client, byte[] file)
    {
        var response = await client.PostAsync("/api/schools/imports", Csv(file));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<GiasImportResponse>(Json.Options))!;
    }

    private async Task<(long, long, long)> CountsAsync() => (
        await fixture.Service.CountAsync("schools"), await fixture.Service.CountAsync("outbox"),
        await fixture.Service.CountAsync("local_authorities"));
}
