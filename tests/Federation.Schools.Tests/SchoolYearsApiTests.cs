using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks.Calendar;
using Federation.Contracts.Schools;
using Federation.Schools.Api;

namespace Federation.Schools.Tests;

public class SchoolYearsApiTests(SchoolsServiceFixture fixture) : IClassFixture<SchoolsServiceFixture>
{
    private const int StartYear = 2027;

    [Fact]
    public async Task A_school_keeps_its_own_year_else_its_authoritys_else_the_default_and_each_change_is_published()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var school = await fixture.NewSchoolAsync(authority.Id);
        var schoolPath = $"/api/schools/{school.Id}/school-years/{StartYear}";
        var authorityYear = Shifted(EnglishSchoolYear.For(StartYear), days: 7);
        var schoolYear = Shifted(EnglishSchoolYear.For(StartYear), days: 0) with { ClosedDays = [new DateOnly(2027, 11, 1)] };

        var byDefault = await YearAsync(schoolPath);
        var setForAuthority = await fixture.Admin.PutAsJsonAsync($"/api/local-authorities/{authority.Id}/school-years/{StartYear}", Body(authorityYear));
        var fromAuthority = await YearAsync(schoolPath);
        var setForSchool = await fixture.Admin.PutAsJsonAsync(schoolPath, Body(schoolYear));
        var own = await YearAsync(schoolPath);
        var cleared = await fixture.Admin.DeleteAsync(schoolPath);
        var afterClearing = await YearAsync(schoolPath);

        Assert.Equal(SchoolYearSource.Default, byDefault.Source);
        Assert.Equal(EnglishSchoolYear.For(StartYear).Terms, byDefault.Terms);
        Assert.Equal("2027/28", byDefault.Name);
        Assert.Equal(HttpStatusCode.OK, setForAuthority.StatusCode);
        Assert.Equal(SchoolYearSource.LocalAuthority, fromAuthority.Source);
        Assert.Equal(authorityYear.Terms, fromAuthority.Terms);
        Assert.Equal(HttpStatusCode.OK, setForSchool.StatusCode);
        Assert.Equal(SchoolYearSource.School, own.Source);
        Assert.Equal(schoolYear.Terms, own.Terms);
        Assert.Equal(schoolYear.ClosedDays, own.ClosedDays);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(SchoolYearSource.LocalAuthority, afterClearing.Source);
        Assert.Equal(authorityYear.Terms, afterClearing.Terms);
        var published = await fixture.Events.WaitFor<SchoolYearSet>(e => e.ScopeId == authority.Id && e.StartYear == StartYear);
        Assert.Equal(("localAuthority", "autumn", authorityYear.Terms[0].StartsOn), (published.ScopeKind, published.Terms[0].Term, published.Terms[0].StartsOn));
        await fixture.Events.WaitFor<SchoolYearSet>(e => e.ScopeId == school.Id && e.ClosedDays.SequenceEqual(schoolYear.ClosedDays));
        await fixture.Events.WaitFor<SchoolYearCleared>(e => e.ScopeId == school.Id && e.StartYear == StartYear);
    }

    [Theory]
    [InlineData("terms", "summer first")]
    [InlineData("terms[0].halfTermEndsOn", "half-term ends before it starts")]
    [InlineData("terms[1].startsOn", "spring starts before autumn ends")]
    [InlineData("closedDays[0]", "a closed day after the summer term")]
    [InlineData("terms[0].startsOn", "autumn starts in another year")]
    public async Task A_year_that_does_not_hold_together_is_a_400_naming_the_field_and_writes_nothing(string field, string fault)
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var year = EnglishSchoolYear.For(StartYear);
        var terms = year.Terms.ToArray();
        var closedDays = year.ClosedDays.ToArray();
        switch (fault)
        {
            case "summer first":
                terms = [terms[2], terms[0], terms[1]];
                break;
            case "half-term ends before it starts":
                terms[0] = terms[0] with { HalfTermEndsOn = terms[0].HalfTermStartsOn.AddDays(-1) };
                break;
            case "spring starts before autumn ends":
                terms[1] = terms[1] with { StartsOn = terms[0].EndsOn };
                break;
            case "a closed day after the summer term":
                closedDays = [terms[2].EndsOn.AddDays(3)];
                break;
            case "autumn starts in another year":
                year = EnglishSchoolYear.For(StartYear + 1);
                (terms, closedDays) = (year.Terms.ToArray(), year.ClosedDays.ToArray());
                break;
        }

        var response = await fixture.Admin.PutAsJsonAsync(
            $"/api/local-authorities/{authority.Id}/school-years/{StartYear}", Body(year with { Terms = terms, ClosedDays = closedDays }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await ErrorsAsync(response)).Keys);
        Assert.Equal(0, await fixture.Service.CountAsync("school_years", $"scope_id = '{authority.Id}'"));
    }

    [Fact]
    public async Task A_year_out_of_range_or_of_an_unknown_school_is_refused()
    {
        var authority = await fixture.NewLocalAuthorityAsync();

        var farBack = await fixture.Admin.GetAsync($"/api/local-authorities/{authority.Id}/school-years/1850");
        var unknown = await fixture.Admin.PutAsJsonAsync($"/api/schools/{Guid.NewGuid()}/school-years/{StartYear}", Body(EnglishSchoolYear.For(StartYear)));

        Assert.Equal(["startYear"], (await ErrorsAsync(farBack)).Keys);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_head_sets_their_own_schools_year_but_not_another_schools_nor_their_authoritys()
    {
        var authority = await fixture.NewLocalAuthorityAsync();
        var school = await fixture.NewSchoolAsync(authority.Id);
        var other = await fixture.NewSchoolAsync(authority.Id);
        var (head, _) = await fixture.HoldsAsync("headteacher", "school", school.Id);
        var (officer, _) = await fixture.HoldsAsync("localAuthorityOfficer", "localAuthority", authority.Id);
        var body = Body(EnglishSchoolYear.For(StartYear));

        var ownSchool = await head.PutAsJsonAsync($"/api/schools/{school.Id}/school-years/{StartYear}", body);
        var otherSchool = await head.PutAsJsonAsync($"/api/schools/{other.Id}/school-years/{StartYear}", body);
        var ownAuthority = await head.PutAsJsonAsync($"/api/local-authorities/{authority.Id}/school-years/{StartYear}", body);
        var clearsAuthority = await head.DeleteAsync($"/api/local-authorities/{authority.Id}/school-years/{StartYear}");
        var byOfficer = await officer.PutAsJsonAsync($"/api/local-authorities/{authority.Id}/school-years/{StartYear}", body);
        var readsOther = await head.GetAsync($"/api/schools/{other.Id}/school-years/{StartYear}");

        Assert.Equal(HttpStatusCode.OK, ownSchool.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherSchool.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ownAuthority.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clearsAuthority.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readsOther.StatusCode);
        Assert.Equal(0, await fixture.Service.CountAsync("school_years", $"scope_id = '{other.Id}'"));
    }

    private async Task<SchoolYearResponse> YearAsync(string path) =>
        (await fixture.Admin.GetFromJsonAsync<SchoolYearResponse>(path, Json.Options))!;

    private static SchoolYear Shifted(SchoolYear year, int days) => year with
    {
        Terms = [.. year.Terms.Select(term => term with
        {
            StartsOn = term.StartsOn.AddDays(days),
            HalfTermStartsOn = term.HalfTermStartsOn.AddDays(days),
            HalfTermEndsOn = term.HalfTermEndsOn.AddDays(days),
            EndsOn = term.EndsOn.AddDays(days),
        })],
        ClosedDays = [],
    };

    private static object Body(SchoolYear year) => new
    {
        terms = year.Terms.Select(term => new
        {
            term = term.Name.ToString().ToLowerInvariant(), term.StartsOn, term.HalfTermStartsOn, term.HalfTermEndsOn, term.EndsOn,
        }),
        closedDays = year.ClosedDays,
    };
}
