using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks;
using Federation.BuildingBlocks.Calendar;
using Federation.Contracts.Observations;
using Federation.Contracts.Schools;
using Federation.Observations.Api;
using Federation.Observations.Domain;
using static Federation.Observations.Tests.ObservationsServiceFixture;

namespace Federation.Observations.Tests;

public class ObservationsApiTests(ObservationsServiceFixture fixture) : IClassFixture<ObservationsServiceFixture>
{
    [Fact]
    public async Task A_cross_school_observation_waits_for_the_observed_schools_head_and_is_recorded_on_or_after_its_day()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var observer = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfDepartment");
        var head = await fixture.NewInSchoolAsync(fixture.FederatedB, "headteacher");
        var day = SchoolDays.OnOrAfter(fixture.Service.Clock.Today().AddDays(7));

        var proposed = await ReadAsync(await ScheduleAsync(observer.Client, fixture.FederatedB, teacher.Id, [observer.Id], day, "crossSchool"));
        var recordedEarly = await RecordAsync(observer.Client, proposed.Id, "Too soon");
        var acceptedByObserver = await observer.Client.PostAsync($"/api/observations/{proposed.Id}/accept", null);
        var accepted = await ReadAsync(await head.Client.PostAsync($"/api/observations/{proposed.Id}/accept", null));
        var recordedBeforeTheDay = await RecordAsync(observer.Client, proposed.Id, "Still too soon");
        fixture.Service.Clock.Advance(TimeSpan.FromDays(day.DayNumber - fixture.Service.Clock.Today().DayNumber));
        var recordedByHead = await RecordAsync(head.Client, proposed.Id, "Not an observer");
        var recorded = await ReadAsync(await RecordAsync(observer.Client, proposed.Id, "Questioning drew every pupil in."));
        var again = await RecordAsync(observer.Client, proposed.Id, "Twice");

        Assert.Equal((ObservationState.Proposed, true), (proposed.State, proposed.CrossSchool));
        Assert.Equal((HttpStatusCode.Conflict, "observation-transition"), (recordedEarly.StatusCode, await RuleAsync(recordedEarly)));
        Assert.Equal(HttpStatusCode.Forbidden, acceptedByObserver.StatusCode);
        Assert.Equal(ObservationState.Scheduled, accepted.State);
        Assert.Equal((HttpStatusCode.Conflict, "observation-date"), (recordedBeforeTheDay.StatusCode, await RuleAsync(recordedBeforeTheDay)));
        Assert.Equal(HttpStatusCode.Forbidden, recordedByHead.StatusCode);
        Assert.Equal((ObservationState.Completed, "Questioning drew every pupil in.", false), (recorded.State, recorded.Record!.Strengths, recorded.Record.SupportNeeded));
        Assert.Equal((HttpStatusCode.Conflict, "observation-transition"), (again.StatusCode, await RuleAsync(again)));
        await fixture.Events.WaitFor<CrossSchoolObservationProposed>(e => e.Observation.ObservationId == proposed.Id);
        var scheduled = await fixture.Events.WaitFor<ObservationScheduled>(e => e.Observation.ObservationId == proposed.Id);
        Assert.Equal([fixture.FederatedA], scheduled.Observation.ObserverSchoolIds);
        await fixture.Events.WaitFor<ObservationCompleted>(e => e.Observation.ObservationId == proposed.Id && !e.SupportNeeded);
    }

    [Fact]
    public async Task A_head_of_department_schedules_in_their_own_school_and_an_observer_from_a_school_that_is_no_partner_is_a_409()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var hod = await fixture.NewInSchoolAsync(fixture.FederatedB, "headOfDepartment");
        var stranger = await fixture.NewInSchoolAsync(fixture.Other, "headOfDepartment");
        var teacherHere = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");

        var inSchool = await ReadAsync(await ScheduleAsync(hod.Client, fixture.FederatedB, teacher.Id, [hod.Id], fixture.PastSchoolDay()));
        var fromOther = await ScheduleAsync(stranger.Client, fixture.FederatedB, teacher.Id, [stranger.Id], fixture.PastSchoolDay(), "crossSchool");
        var namingOther = await ScheduleAsync(hod.Client, fixture.FederatedB, teacher.Id, [hod.Id, stranger.Id], fixture.PastSchoolDay());
        var byTeacher = await ScheduleAsync(teacherHere.Client, fixture.FederatedB, teacher.Id, [teacherHere.Id], fixture.PastSchoolDay(), "peer");

        Assert.Equal((ObservationState.Scheduled, false), (inSchool.State, inSchool.CrossSchool));
        Assert.Equal((HttpStatusCode.Conflict, "observer-from-partner-school"), (fromOther.StatusCode, await RuleAsync(fromOther)));
        Assert.Equal((HttpStatusCode.Conflict, "observer-from-partner-school"), (namingOther.StatusCode, await RuleAsync(namingOther)));
        Assert.Equal(HttpStatusCode.Forbidden, byTeacher.StatusCode);
        Assert.Equal(1, await fixture.Service.CountAsync("observations", $"teacher_id = '{teacher.Id}'"));
    }

    [Fact]
    public async Task An_observation_or_a_walk_on_a_day_the_school_is_closed_is_a_409_and_the_schools_own_calendar_counts()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.Other, "teacher");
        var head = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");
        var trainingDay = fixture.PastSchoolDay();
        var year = EnglishSchoolYear.Containing(trainingDay);
        await fixture.Service.PublishAsync(new SchoolYearSet(
            fixture.Other, "school", year.StartYear, year.ToEventTerms(), [.. year.ClosedDays, trainingDay], DateTimeOffset.UtcNow));
        await fixture.Service.WaitUntilReplicaAsync($"exists (select 1 from access_school_years where scope_id = '{fixture.Other}')", "Other's year");
        var saturday = fixture.Service.Clock.Today().AddDays(-7);
        while (saturday.DayOfWeek != DayOfWeek.Saturday)
        {
            saturday = saturday.AddDays(1);
        }

        var onTrainingDay = await ScheduleAsync(head.Client, fixture.Other, teacher.Id, [head.Id], trainingDay);
        var onSaturday = await ScheduleAsync(head.Client, fixture.Other, teacher.Id, [head.Id], saturday);
        var walkOnTrainingDay = await head.Client.PostAsJsonAsync("/api/observations/walks",
            new { schoolId = fixture.Other, walkedOn = trainingDay, classrooms = new[] { "S4" } });

        foreach (var refused in new[] { onTrainingDay, onSaturday, walkOnTrainingDay })
        {
            Assert.Equal((HttpStatusCode.Conflict, "observation-school-day"), (refused.StatusCode, await RuleAsync(refused)));
        }
        Assert.Equal(0, await fixture.Service.CountAsync("observations", $"teacher_id = '{teacher.Id}'"));
        Assert.Equal(0, await fixture.Service.CountAsync("senior_team_walks", $"school_id = '{fixture.Other}' and walked_on = '{trainingDay:yyyy-MM-dd}'"));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field_and_writes_nothing()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var hod = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfDepartment");
        var elsewhere = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");

        var empty = await hod.Client.PostAsJsonAsync("/api/observations", new { });
        var wrong = await hod.Client.PostAsJsonAsync("/api/observations", new
        {
            schoolId = fixture.FederatedA, teacherId = teacher.Id, observerIds = new[] { hod.Id, hod.Id, teacher.Id, Guid.NewGuid() },
            kind = "grade", focus = new[] { "teaching", "teaching" }, observeOn = fixture.Service.Clock.Today().AddYears(2), startsAt = "9 o'clock",
        });
        var teacherOfAnotherSchool = await ScheduleAsync(hod.Client, fixture.FederatedA, elsewhere.Id, [hod.Id], fixture.PastSchoolDay());
        var unknownObserver = await ScheduleAsync(hod.Client, fixture.FederatedA, teacher.Id, [Guid.NewGuid()], fixture.PastSchoolDay());
        var crossSchoolInSchool = await ScheduleAsync(hod.Client, fixture.FederatedA, teacher.Id, [hod.Id], fixture.PastSchoolDay(), "crossSchool");
        var observation = await ReadAsync(await ScheduleAsync(hod.Client, fixture.FederatedA, teacher.Id, [hod.Id], fixture.PastSchoolDay()));
        var supportWithoutKind = await hod.Client.PostAsJsonAsync($"/api/observations/{observation.Id}/record",
            new { strengths = "s", nextSteps = "n", supportNeeded = true });
        var kindWithoutSupport = await hod.Client.PostAsJsonAsync($"/api/observations/{observation.Id}/record",
            new { strengths = " ", nextSteps = "n", supportNeeded = false, supportKind = "coach" });

        Assert.Equal(["focus", "kind", "observeOn", "schoolId", "startsAt", "teacherId"], (await ErrorsAsync(empty)).Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(["teacherId"], (await ErrorsAsync(teacherOfAnotherSchool)).Keys);
        Assert.Equal(["observerIds[0]"], (await ErrorsAsync(unknownObserver)).Keys);
        Assert.Equal(["kind"], (await ErrorsAsync(crossSchoolInSchool)).Keys);
        Assert.Equal(["supportKind"], (await ErrorsAsync(supportWithoutKind)).Keys);
        Assert.Equal(["strengths", "supportKind"], (await ErrorsAsync(kindWithoutSupport)).Keys.Order());
        Assert.Equal(1, await fixture.Service.CountAsync("observations", $"school_id = '{fixture.FederatedA}' and teacher_id in ('{teacher.Id}', '{elsewhere.Id}')"));
        Assert.Equal(0, await fixture.Service.CountAsync("observations", $"id = '{observation.Id}' and state <> 'scheduled'"));
    }

    [Fact]
    public async Task A_record_that_needs_support_gets_a_follow_up_which_its_assignee_closes_with_an_outcome()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var hod = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfDepartment");
        var head = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfSchool");
        var coach = await fixture.NewInSchoolAsync(fixture.FederatedB, "teacher");
        var stranger = await fixture.NewInSchoolAsync(fixture.Other, "teacher");
        var fine = await ReadAsync(await ScheduleAsync(hod.Client, fixture.FederatedA, teacher.Id, [hod.Id], fixture.PastSchoolDay()));
        await ReadAsync(await RecordAsync(hod.Client, fine.Id, "All well"));
        var needs = await ReadAsync(await ScheduleAsync(hod.Client, fixture.FederatedA, teacher.Id, [hod.Id], fixture.PastSchoolDay()));
        await ReadAsync(await RecordAsync(hod.Client, needs.Id, "Warm relationships", "advancedSkillsTeacher"));

        var fromFine = await head.Client.PostAsJsonAsync($"/api/observations/{fine.Id}/follow-ups", new { supportKind = "coach", assigneeId = coach.Id });
        var byHod = await hod.Client.PostAsJsonAsync($"/api/observations/{needs.Id}/follow-ups", new { supportKind = "coach", assigneeId = coach.Id });
        var toStranger = await head.Client.PostAsJsonAsync($"/api/observations/{needs.Id}/follow-ups", new { supportKind = "coach", assigneeId = stranger.Id });
        var opened = await head.Client.PostAsJsonAsync($"/api/observations/{needs.Id}/follow-ups",
            new { supportKind = "advancedSkillsTeacher", assigneeId = coach.Id, note = "Questioning and pace" });
        var followUp = (await opened.Content.ReadFromJsonAsync<SupportFollowUpResponse>(Json.Options))!;
        var seenByCoach = await coach.Client.GetAsync($"/api/observations/follow-ups/{followUp.Id}");
        var observationSeenByCoach = await coach.Client.GetAsync($"/api/observations/{needs.Id}");
        var closedByTeacher = await teacher.Client.PostAsJsonAsync($"/api/observations/follow-ups/{followUp.Id}/close", new { outcome = "Done" });
        var closed = await coach.Client.PostAsJsonAsync($"/api/observations/follow-ups/{followUp.Id}/close", new { outcome = "Pace much improved" });
        var closedAgain = await head.Client.PostAsJsonAsync($"/api/observations/follow-ups/{followUp.Id}/close", new { outcome = "Again" });

        Assert.Equal((HttpStatusCode.Conflict, "follow-up-needs-support"), (fromFine.StatusCode, await RuleAsync(fromFine)));
        Assert.Equal(HttpStatusCode.Forbidden, byHod.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "observer-from-partner-school"), (toStranger.StatusCode, await RuleAsync(toStranger)));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seenByCoach.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, observationSeenByCoach.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, closedByTeacher.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "follow-up-closed"), (closedAgain.StatusCode, await RuleAsync(closedAgain)));
        await fixture.Events.WaitFor<SupportFollowUpOpened>(e => e.FollowUpId == followUp.Id && e.SupportKind == "advancedSkillsTeacher");
        await fixture.Events.WaitFor<SupportFollowUpClosed>(e => e.FollowUpId == followUp.Id);
    }

    [Fact]
    public async Task A_walk_notes_praise_or_help_and_a_teacher_noted_for_help_gets_support_from_it()
    {
        var teacher = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var praised = await fixture.NewInSchoolAsync(fixture.FederatedA, "teacher");
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedA, "deputyHead");
        var hod = await fixture.NewInSchoolAsync(fixture.FederatedA, "headOfDepartment");
        var day = fixture.PastSchoolDay();

        var byHod = await hod.Client.PostAsJsonAsync("/api/observations/walks", new { schoolId = fixture.FederatedA, walkedOn = day, classrooms = new[] { "S4" } });
        var recorded = await deputy.Client.PostAsJsonAsync("/api/observations/walks", new
        {
            schoolId = fixture.FederatedA, walkedOn = day, classrooms = new[] { "S4", "H3" },
            notes = new object[] { new { teacherId = teacher.Id, note = "help", comment = "Noise at transitions" }, new { teacherId = praised.Id, note = "praise" } },
        });
        var walk = (await recorded.Content.ReadFromJsonAsync<SeniorTeamWalkResponse>(Json.Options))!;
        var forPraised = await fixture.ExecutivePrincipal.Client.PostAsJsonAsync($"/api/observations/walks/{walk.Id}/follow-ups",
            new { teacherId = praised.Id, supportKind = "peer", assigneeId = hod.Id });
        var forHelp = await fixture.ExecutivePrincipal.Client.PostAsJsonAsync($"/api/observations/walks/{walk.Id}/follow-ups",
            new { teacherId = teacher.Id, supportKind = "peer", assigneeId = hod.Id });

        Assert.Equal(HttpStatusCode.Forbidden, byHod.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal([(praised.Id, WalkNote.Praise), (teacher.Id, WalkNote.Help)],
            walk.Notes.Select(note => (note.TeacherId, note.Note)).OrderBy(note => note.Note));
        Assert.Equal((HttpStatusCode.Conflict, "follow-up-needs-support"), (forPraised.StatusCode, await RuleAsync(forPraised)));
        Assert.Equal(HttpStatusCode.Created, forHelp.StatusCode);
        var published = await fixture.Events.WaitFor<SeniorTeamWalkRecorded>(e => e.WalkId == walk.Id);
        Assert.Equal((2, 1, 1), (published.Classrooms, published.Praise, published.Help));
    }
}
