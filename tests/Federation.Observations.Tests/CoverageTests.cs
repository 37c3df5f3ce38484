using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Calendar;
using Federation.Contracts.Schools;
using Federation.Contracts.Staff;
using Federation.Observations.Api;
using Federation.Observations.Domain;
using static Federation.Observations.Tests.ObservationsServiceFixture;

namespace Federation.Observations.Tests;

/// <summary>Coverage counts the records it comes from, over the half-term the school's own calendar
/// says: on a Wednesday in the last week of a half-term (summer 1, from 30 days before to the
/// Friday after), with the spring term's second half before it.</summary>
public class CoverageTests(ObservationsServiceFixture fixture) : IClassFixture<ObservationsServiceFixture>
{
    [Fact]
    public async Task A_schools_coverage_counts_its_teachers_observations_in_its_own_half_term_by_the_kinds_that_count()
    {
        var wednesday = fixture.Service.Clock.Today().AddDays(1);
        while (wednesday.DayOfWeek != DayOfWeek.Wednesday)
        {
            wednesday = wednesday.AddDays(1);
        }
        fixture.Service.Clock.Advance(TimeSpan.FromDays(wednesday.DayNumber - fixture.Service.Clock.Today().DayNumber));
        var school = await NewSchoolWithItsOwnYearAsync(wednesday);
        var (head, hod) = (await fixture.NewInSchoolAsync(school, "headteacher"), await fixture.NewInSchoolAsync(school, "headOfDepartment"));
        var partner = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfDepartment");
        var teachers = new List<TestPerson>();
        for (var index = 0; index < 5; index++)
        {
            teachers.Add(await fixture.NewInSchoolAsync(school, "teacher"));
        }

        await CompletedAsync(hod, school, teachers[0], wednesday.AddDays(-5), "headOfDepartment");          // observed
        await CompletedAsync(hod, school, teachers[1], wednesday.AddDays(-2), "peer");                      // a peer's does not count
        await CompletedAsync(hod, school, teachers[2], wednesday.AddDays(-40), "headOfDepartment");         // the half-term before
        await ReadAsync(await ScheduleAsync(hod.Client, school, teachers[3].Id, [hod.Id], wednesday.AddDays(1)));  // scheduled ahead
        var crossSchool = await ReadAsync(await ScheduleAsync(partner.Client, school, teachers[4].Id, [partner.Id], wednesday.AddDays(-2), "crossSchool"));
        await ReadAsync(await head.Client.PostAsync($"/api/observations/{crossSchool.Id}/accept", null));
        await ReadAsync(await RecordAsync(partner.Client, crossSchool.Id, "Strong modelling"));    // observed, from a partner school
        var walked = await head.Client.PostAsJsonAsync("/api/observations/walks", new { schoolId = school, walkedOn = wednesday.AddDays(-2), classrooms = new[] { "S4" } });
        Assert.Equal(HttpStatusCode.Created, walked.StatusCode);

        var coverage = (await hod.Client.GetFromJsonAsync<CoverageResponse>($"/api/observations/coverage/{school}", Json.Options))!;
        var status = coverage.TeacherRows!.ToDictionary(row => row.TeacherId, row => row.Status);

        Assert.Equal((wednesday.AddDays(-30), wednesday.AddDays(2)), (coverage.StartsOn, coverage.EndsOn));
        Assert.EndsWith("summer 1", coverage.HalfTerm);
        Assert.Equal(new CoverageCounts(Total: 6, Observed: 2, Scheduled: 1, Due: 0, Overdue: 3), coverage.Teachers);
        Assert.Equal(
            [CoverageStatus.Observed, CoverageStatus.Overdue, CoverageStatus.Overdue, CoverageStatus.Scheduled, CoverageStatus.Observed, CoverageStatus.Overdue],
            [.. teachers.Select(teacher => status[teacher.Id]), status[hod.Id]]);
        Assert.Equal(coverage.Teachers.Observed, await fixture.Service.ScalarAsync<long>(
            $"""
            select count(distinct teacher_id) from observations where school_id = '{school}' and state = 'completed'
            and kind in ('headOfDepartment', 'crossSchool') and observe_on between '{coverage.StartsOn:yyyy-MM-dd}' and '{coverage.EndsOn:yyyy-MM-dd}'
            """));
        Assert.Equal(1, coverage.CrossSchoolReceived);
        Assert.Equal([false, false, false, false, true], coverage.Weeks.Select(week => week.Met));
        Assert.Equal(wednesday.AddDays(-2), coverage.Weeks[^1].WeekOf);

        // The school asks for two a half-term: nobody has had two.
        var set = await head.Client.PutAsJsonAsync($"/api/observations/coverage/{school}/settings", new { observationsPerHalfTerm = 2, walksPerWeek = 1 });
        var bySettings = (await hod.Client.GetFromJsonAsync<CoverageResponse>($"/api/observations/coverage/{school}", Json.Options))!;
        var setByHod = await hod.Client.PutAsJsonAsync($"/api/observations/coverage/{school}/settings", new { observationsPerHalfTerm = 1, walksPerWeek = 1 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal((0, 6), (bySettings.Teachers.Observed, bySettings.Teachers.Overdue));
        Assert.Equal(HttpStatusCode.Forbidden, setByHod.StatusCode);

        // The half-term before, asked for by a day in it: of those who taught there then (one teacher), observed once
        // where the school now asks for two.
        await fixture.Service.PublishAsync(new RoleAssigned(
            Guid.CreateVersion7(), teachers[2].Id, "teacher", "school", school, wednesday.AddDays(-200), null, "substantive", null, DateTimeOffset.UtcNow));
        await fixture.Service.WaitUntilReplicaAsync(
            $"exists (select 1 from access_role_assignments where person_id = '{teachers[2].Id}' and starts_on < '{wednesday.AddDays(-100):yyyy-MM-dd}')",
            "the teacher's earlier role");
        var before = (await hod.Client.GetFromJsonAsync<CoverageResponse>($"/api/observations/coverage/{school}?on={wednesday.AddDays(-40):yyyy-MM-dd}", Json.Options))!;
        Assert.EndsWith("spring 2", before.HalfTerm);
        Assert.Equal([(teachers[2].Id, 1, CoverageStatus.Overdue)], before.TeacherRows!.Select(row => (row.TeacherId, row.Observed, row.Status)));
    }

    private static async Task CompletedAsync(TestPerson observer, Guid school, TestPerson teacher, DateOnly on, string kind)
    {
        var observation = await ReadAsync(await ScheduleAsync(observer.Client, school, teacher.Id, [observer.Id], on, kind));
        await ReadAsync(await RecordAsync(observer.Client, observation.Id, "Clear explanations"));
    }

    /// <summary>A school of the cluster whose year has summer 1 from 30 days before <paramref name="wednesday"/>
    /// to the Friday after, spring 2 before it, set for this school year and the one before (so that
    /// every day of the test reads it, whichever year it counts in).</summary>
    private async Task<Guid> NewSchoolWithItsOwnYearAsync(DateOnly wednesday)
    {
        var school = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await fixture.Service.PublishAsync(new SchoolRegistered(school, 900100, "Coverage School", fixture.LocalAuthority, "secondary", 900, 2, 2, now));
        await fixture.Service.PublishAsync(new SchoolJoinedCluster(fixture.Cluster, school, new DateOnly(2025, 9, 1), now));
        SchoolTermDates[] terms =
        [
            new("autumn", wednesday.AddDays(-200), wednesday.AddDays(-170), wednesday.AddDays(-166), wednesday.AddDays(-120)),
            new("spring", wednesday.AddDays(-100), wednesday.AddDays(-80), wednesday.AddDays(-76), wednesday.AddDays(-33)),
            new("summer", wednesday.AddDays(-30), wednesday.AddDays(5), wednesday.AddDays(9), wednesday.AddDays(40)),
        ];
        var startYear = SchoolYear.StartYearOf(wednesday);
        foreach (var year in new[] { startYear - 1, startYear })
        {
            await fixture.Service.PublishAsync(new SchoolYearSet(school, "school", year, terms, [], now));
        }
        await fixture.Service.WaitUntilReplicaAsync(
            $"(select count(*) from access_school_years where scope_id = '{school}') = 2 and exists (select 1 from access_cluster_members where school_id = '{school}')",
            "the coverage school and its year");
        return school;
    }
}
