using Federation.Contracts.Exchanges;
using Federation.Notifications.Domain;

namespace Federation.Notifications.Tests;

/// <summary>The table of who is told what (no I/O).</summary>
public sealed class NoticesTests
{
    private static readonly ExchangeVisit Visit = new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), new DateOnly(2026, 3, 2), "wholeDay", []);

    [Fact]
    public void A_request_goes_to_the_home_heads_but_never_to_the_visitor()
    {
        var notice = Notices.For(new ExchangeVisitRequested(Visit, DateTimeOffset.UtcNow))!;

        Assert.Equal(NotificationKind.VisitRequested, notice.Kind);
        Assert.Equal(Visit.HomeSchoolId, notice.Audience.HeadsOfSchoolId);
        Assert.Equal(Visit.VisitorId, notice.Audience.Except);
        Assert.Equal("/decide", notice.Path);
    }

    [Fact]
    public void Steps_nobody_waits_on_are_not_emailed()
    {
        Assert.Null(Notices.For(new ExchangeVisitCancelled(Visit, false, DateTimeOffset.UtcNow)));
        Assert.Null(Notices.For(new ExchangeReflectionSubmitted(Visit.VisitId, Visit.VisitorId, Visit.HomeSchoolId, Visit.HostSchoolId, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public void The_email_names_the_people_the_day_and_the_page()
    {
        var notice = Notices.For(new ExchangeVisitRequested(Visit, DateTimeOffset.UtcNow))!;

        var letter = Notices.Write(notice, new NoticeNames("Grace Okafor", null, "School A2", "School B"), "Priya Shah", new Uri("https://federation.example/"));

        Assert.Equal("Grace Okafor asks to visit School B on Monday 2 March 2026", letter.Subject);
        Assert.StartsWith("Dear Priya Shah,\r\n\r\nGrace Okafor of School A2 asks to visit School B on Monday 2 March 2026, for the whole day.", letter.Body);
        Assert.Contains("https://federation.example/decide\r\n", letter.Body);
        Assert.EndsWith("https://federation.example/settings/notifications", letter.Body);
    }
}
