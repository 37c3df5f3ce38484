using System.Text.Json;

namespace Federation.Notifications.Tests;

/// <summary>GET and PUT /api/notifications/preferences: a person's own choices, bad input 400 naming the field.</summary>
public sealed class NotificationPreferencesApiTests(NotificationsServiceFixture fixture) : IClassFixture<NotificationsServiceFixture>
{
    [Fact]
    public async Task Every_kind_is_on_until_the_person_turns_it_off()
    {
        var person = await fixture.NewInSchoolAsync(fixture.Host, "deputyHead");

        var before = await ReadAsync(await person.Client.GetAsync("/api/notifications/preferences"));
        Assert.Equal(person.Email, before.GetProperty("email").GetString());
        Assert.All(Kinds, kind => Assert.True(before.GetProperty(kind).GetBoolean()));

        var put = await person.Client.PutAsJsonAsync("/api/notifications/preferences",
            NotificationsTests.Preferences(visitConfirmed: false, reflectionDue: false));
        Assert.False((await ReadAsync(put)).GetProperty("visitConfirmed").GetBoolean());

        var after = await ReadAsync(await person.Client.GetAsync("/api/notifications/preferences"));
        Assert.False(after.GetProperty("visitConfirmed").GetBoolean());
        Assert.False(after.GetProperty("reflectionDue").GetBoolean());
        Assert.True(after.GetProperty("visitDeclined").GetBoolean());

        // Another person's choices are their own.
        var other = await fixture.NewInSchoolAsync(fixture.Host, "teacher");
        Assert.True((await ReadAsync(await other.Client.GetAsync("/api/notifications/preferences"))).GetProperty("visitConfirmed").GetBoolean());

        await person.Client.PutAsJsonAsync("/api/notifications/preferences", NotificationsTests.Preferences());
        Assert.True((await ReadAsync(await person.Client.GetAsync("/api/notifications/preferences"))).GetProperty("visitConfirmed").GetBoolean());
    }

    [Fact]
    public async Task A_kind_left_out_is_a_400_naming_it_and_changes_nothing()
    {
        var person = await fixture.NewInSchoolAsync(fixture.Host, "deputyHead");

        var response = await person.Client.PutAsJsonAsync("/api/notifications/preferences", new { visitRequested = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Contains("visitApproved", errors.Keys);
        Assert.Contains("observationToAccept", errors.Keys);
        Assert.DoesNotContain("visitRequested", errors.Keys);
        Assert.Equal(0, await fixture.Service.CountAsync("notification_opt_outs", $"person_id = '{person.Id}'"));
    }

    [Theory]
    [InlineData("""{"visitRequested": "no"}""")]
    [InlineData("""{"visitRequested": true, "emailsPerDay": 3}""")]
    [InlineData("""[true]""")]
    [InlineData("""{"visitRequested": tru""")]
    [InlineData("")]
    public async Task Malformed_bodies_are_a_400_not_a_500(string body)
    {
        var person = await fixture.NewInSchoolAsync(fixture.Host, "teacher");

        var response = await person.Client.PutAsync("/api/notifications/preferences", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Someone_the_staff_service_does_not_know_has_no_preferences_and_a_stranger_none_at_all()
    {
        var unknown = fixture.Service.ClientFor("nobody.here@example.org");
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.GetAsync("/api/notifications/preferences")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unknown.PutAsJsonAsync("/api/notifications/preferences", NotificationsTests.Preferences())).StatusCode);

        using var anonymous = fixture.Service.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/notifications/preferences")).StatusCode);
    }

    private static readonly string[] Kinds =
        ["visitRequested", "visitApproved", "visitConfirmed", "visitDeclined", "reflectionDue", "deploymentRequested", "observationToAccept"];

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
