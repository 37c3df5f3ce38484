using Federation.Contracts.Exchanges;
using Federation.Contracts.Observations;
using Federation.Contracts.Staff;

namespace Federation.Notifications.Tests;

/// <summary>Each workflow step emails the right person, once, with the link to the page where they
/// act; a kind turned off is not sent; an email the server refuses is sent later, once.</summary>
public sealed class NotificationsTests(NotificationsServiceFixture fixture) : IClassFixture<NotificationsServiceFixture>
{
    private static DateOnly InTwoWeeks => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);

    /// <summary>A visit between two schools of the test's own, each with a head, and a deputy of the home school.</summary>
    private async Task<(TestPerson HomeHead, TestPerson HostHead, TestPerson Deputy, ExchangeVisit Visit)> VisitAsync()
    {
        var home = await fixture.NewSchoolAsync("Home Academy");
        var host = await fixture.NewSchoolAsync("Host High");
        var homeHead = await fixture.NewInSchoolAsync(home, "headteacher");
        var hostHead = await fixture.NewInSchoolAsync(host, "headOfSchool");
        var deputy = await fixture.NewInSchoolAsync(home, "deputyHead");
        return (homeHead, hostHead, deputy, new ExchangeVisit(Guid.CreateVersion7(), deputy.Id, home, host, InTwoWeeks, "morning", ["curriculum"]));
    }

    [Fact]
    public async Task A_visit_request_emails_the_home_head_once_even_when_delivered_twice_or_published_again()
    {
        var (homeHead, hostHead, deputy, visit) = await VisitAsync();
        var requested = new ExchangeVisitRequested(visit, DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        await fixture.DeliverAsync(requested, messageId);
        await fixture.DeliverAsync(requested, messageId);
        // The same step published again with a new message id (a replay of the records).
        await fixture.DeliverAsync(requested, Guid.NewGuid());
        await fixture.AllSentAsync();

        var email = Assert.Single(await fixture.Mail.WaitForAsync(homeHead.Email));
        Assert.StartsWith("Person", email.To.Mailboxes.Single().Name);
        Assert.Contains("asks to visit Host High", email.Subject);
        Assert.Contains($"{NotificationsServiceFixture.WebUrl}decide", email.TextBody);
        Assert.Contains($"{NotificationsServiceFixture.WebUrl}settings/notifications", email.TextBody);
        Assert.Empty(fixture.Mail.To(deputy.Email));
        Assert.Empty(fixture.Mail.To(hostHead.Email));
        Assert.Equal(1, await fixture.Service.CountAsync("notifications", $"recipient_id = '{homeHead.Id}'"));
    }

    public static TheoryData<string> Steps => ["approved", "confirmed", "declinedByHost", "declinedByHome", "completed"];

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Each_later_step_of_a_visit_emails_who_must_act_or_should_know(string step)
    {
        var (homeHead, hostHead, deputy, visit) = await VisitAsync();
        var now = DateTimeOffset.UtcNow;
        var (integrationEvent, to, notTo, subject, path) = step switch
        {
            "approved" => ((object)new ExchangeVisitApproved(visit, now), hostHead, homeHead, "Home Academy asks to send", "decide"),
            "confirmed" => (new ExchangeVisitConfirmed(visit, now), deputy, hostHead, "Your visit to Host High on", "visits"),
            "declinedByHost" => (new ExchangeVisitDeclined(visit, "host", now), deputy, homeHead, "was declined", "visits"),
            "declinedByHome" => (new ExchangeVisitDeclined(visit, "home", now), deputy, homeHead, "was declined", "visits"),
            "completed" => (new ExchangeVisitCompleted(visit, now), deputy, homeHead, "Your reflection on the visit to Host High is due", $"visits/{visit.VisitId}/reflection"),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };

        await DeliverTwiceAsync(integrationEvent);

        var email = Assert.Single(await fixture.Mail.WaitForAsync(to.Email));
        Assert.Contains(subject, email.Subject);
        Assert.Contains($"{NotificationsServiceFixture.WebUrl}{path}\r\n", email.TextBody!.ReplaceLineEndings("\r\n"));
        Assert.Empty(fixture.Mail.To(notTo.Email));
    }

    [Fact]
    public async Task A_deployment_asked_for_emails_the_head_of_the_persons_school()
    {
        var home = await fixture.NewSchoolAsync("Lending School");
        var host = await fixture.NewSchoolAsync("Asking School");
        var homeHead = await fixture.NewInSchoolAsync(home, "headteacher");
        var hostHead = await fixture.NewInSchoolAsync(host, "headteacher");
        var teacher = await fixture.NewInSchoolAsync(home, "teacher");

        await DeliverTwiceAsync(new StaffDeploymentRequested(
            new StaffDeployment(Guid.CreateVersion7(), teacher.Id, home, host, InTwoWeeks, InTwoWeeks.AddDays(2), "wholeDay", "subjectExpert"),
            DateTimeOffset.UtcNow));

        var email = Assert.Single(await fixture.Mail.WaitForAsync(homeHead.Email));
        Assert.Contains("Asking School asks for Person", email.Subject);
        Assert.Contains($"{NotificationsServiceFixture.WebUrl}decide", email.TextBody);
        Assert.Empty(fixture.Mail.To(hostHead.Email));
        Assert.Empty(fixture.Mail.To(teacher.Email));
    }

    [Fact]
    public async Task A_cross_school_observation_to_accept_emails_the_observed_schools_head()
    {
        var observed = await fixture.NewSchoolAsync("Observed School");
        var partner = await fixture.NewSchoolAsync("Partner School");
        var observedHead = await fixture.NewInSchoolAsync(observed, "headteacher");
        var partnerHead = await fixture.NewInSchoolAsync(partner, "headteacher");
        var teacher = await fixture.NewInSchoolAsync(observed, "teacher");
        var observer = await fixture.NewInSchoolAsync(partner, "headOfDepartment");

        await DeliverTwiceAsync(new CrossSchoolObservationProposed(
            new Observation(Guid.CreateVersion7(), observed, teacher.Id, [observer.Id], [partner], "crossSchool", ["teaching"], InTwoWeeks, true),
            DateTimeOffset.UtcNow));

        var email = Assert.Single(await fixture.Mail.WaitForAsync(observedHead.Email));
        Assert.Contains("proposes to observe a lesson at Observed School", email.Subject);
        Assert.Contains("of Partner School", email.TextBody);
        Assert.Contains($"{NotificationsServiceFixture.WebUrl}decide", email.TextBody);
        Assert.Empty(fixture.Mail.To(partnerHead.Email));
        Assert.Empty(fixture.Mail.To(teacher.Email));
        Assert.Empty(fixture.Mail.To(observer.Email));
    }

    [Fact]
    public async Task A_school_without_a_head_is_led_by_its_executive_principal()
    {
        // The test directory's FederatedB has no head: its federation's executive principal decides.
        var deputy = await fixture.NewInSchoolAsync(fixture.FederatedB, "deputyHead");
        var host = await fixture.NewSchoolAsync("Visited School");

        await DeliverTwiceAsync(new ExchangeVisitRequested(
            new ExchangeVisit(Guid.CreateVersion7(), deputy.Id, fixture.FederatedB, host, InTwoWeeks, "wholeDay", []), DateTimeOffset.UtcNow));

        Assert.Single(await fixture.Mail.WaitForAsync(fixture.ExecutivePrincipal.Email));
    }

    [Fact]
    public async Task A_kind_turned_off_is_not_sent_to_that_person_and_other_kinds_still_are()
    {
        var (homeHead, _, deputy, visit) = await VisitAsync();
        var secondHead = await fixture.NewInSchoolAsync(visit.HomeSchoolId, "headOfSchool");
        var turnedOff = await homeHead.Client.PutAsJsonAsync("/api/notifications/preferences", Preferences(visitRequested: false));
        Assert.Equal(HttpStatusCode.OK, turnedOff.StatusCode);
        var deputyOff = await deputy.Client.PutAsJsonAsync("/api/notifications/preferences", Preferences(visitConfirmed: false));
        Assert.Equal(HttpStatusCode.OK, deputyOff.StatusCode);

        await DeliverTwiceAsync(new ExchangeVisitRequested(visit, DateTimeOffset.UtcNow));
        await DeliverTwiceAsync(new ExchangeVisitConfirmed(visit, DateTimeOffset.UtcNow));
        await DeliverTwiceAsync(new ExchangeVisitCompleted(visit, DateTimeOffset.UtcNow));

        // The other head still hears of it; the one who turned it off does not, and is not replaced by the executive principal.
        Assert.Single(await fixture.Mail.WaitForAsync(secondHead.Email));
        Assert.Empty(fixture.Mail.To(homeHead.Email));
        var deputyEmail = Assert.Single(await fixture.Mail.WaitForAsync(deputy.Email));
        Assert.Contains("reflection", deputyEmail.Subject);
    }

    [Fact]
    public async Task An_email_the_server_refuses_is_sent_again_later_and_only_once()
    {
        var (homeHead, _, _, visit) = await VisitAsync();
        fixture.Mail.RefuseNext(2);

        await DeliverTwiceAsync(new ExchangeVisitRequested(visit, DateTimeOffset.UtcNow));

        Assert.Single(await fixture.Mail.WaitForAsync(homeHead.Email));
        await fixture.AllSentAsync();
        Assert.Single(fixture.Mail.To(homeHead.Email));
        Assert.Equal(3, await fixture.Service.ScalarAsync<int>($"select attempts from notifications where recipient_id = '{homeHead.Id}'"));
    }

    [Fact]
    public async Task A_step_long_past_is_emailed_to_nobody()
    {
        var (homeHead, _, _, visit) = await VisitAsync();

        await fixture.DeliverAsync(new ExchangeVisitRequested(visit, DateTimeOffset.UtcNow.AddDays(-30)), Guid.NewGuid());

        Assert.Equal(0, await fixture.Service.CountAsync("notifications", $"subject_id = '{visit.VisitId}'"));
        Assert.Empty(fixture.Mail.To(homeHead.Email));
    }

    /// <summary>Delivers the event twice with one message id, then waits until every email is sent.</summary>
    private async Task DeliverTwiceAsync<T>(T integrationEvent) where T : class
    {
        var messageId = Guid.NewGuid();
        await fixture.DeliverAsync(integrationEvent, messageId);
        await fixture.DeliverAsync(integrationEvent, messageId);
        await fixture.AllSentAsync();
    }

    internal static object Preferences(
        bool visitRequested = true, bool visitApproved = true, bool visitConfirmed = true, bool visitDeclined = true,
        bool reflectionDue = true, bool deploymentRequested = true, bool observationToAccept = true) =>
        new { visitRequested, visitApproved, visitConfirmed, visitDeclined, reflectionDue, deploymentRequested, observationToAccept };
}
