using System.Net;
using System.Net.Http.Json;
using Federation.BuildingBlocks;
using Federation.Contracts.Exchanges;
using Federation.Testing;
using Federation.Exchanges.Api;
using Federation.Exchanges.Domain;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.Exchanges.Tests;

/// <summary>The exchanges service with the test directory (<see cref="DirectoryServiceFixture{TProgram}"/>).</summary>
public sealed class ExchangesServiceFixture() : DirectoryServiceFixture<Program>("exchanges")
{
    private DateOnly lastSchoolDay;

    protected override EventListener ListenTo(EventListener listener) => listener
        .On<ExchangeVisitRequested>().On<ExchangeVisitApproved>().On<ExchangeVisitConfirmed>().On<ExchangeVisitDeclined>()
        .On<ExchangeVisitCancelled>().On<ExchangeVisitCompleted>().On<ExchangeReflectionSubmitted>()
        .On<OpenDayPublished>().On<OpenDayPlaceBooked>().On<OpenDayPlaceCancelled>();

    /// <summary>A school day of its own for each test (at least two weeks ahead), so that tests
    /// do not share host places or visitors' days.</summary>
    public DateOnly NewSchoolDay()
    {
        lock (this)
        {
            var earliest = Service.Clock.Today().AddDays(14);
            lastSchoolDay = SchoolDays.OnOrAfter(lastSchoolDay >= earliest ? lastSchoolDay.AddDays(1) : earliest);
            return lastSchoolDay;
        }
    }

    /// <summary>Moves the service's clock on to <paramref name="day"/> (never back).</summary>
    public void MoveClockTo(DateOnly day) => Service.Clock.Advance(TimeSpan.FromDays(Math.Max(0, day.DayNumber - Service.Clock.Today().DayNumber)));

    public static Task<HttpResponseMessage> RequestVisitAsync(
        HttpClient client, Guid hostSchoolId, DateOnly visitOn, string session = "wholeDay", Guid? visitorId = null) =>
        client.PostAsJsonAsync("/api/exchange-visits", new
        {
            hostSchoolId,
            visitOn,
            session,
            purpose = "How the host's leadership team runs its six-week cycle",
            themes = new[] { "visionAndValues", "staffingStructures" },
            visitorId,
        });

    public static async Task<ExchangeVisitResponse> ReadVisitAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ExchangeVisitResponse>(Json.Options))!;
    }

    /// <summary>A visit requested by <paramref name="visitor"/> and taken through <paramref name="steps"/>
    /// by the heads given, asserting each step succeeds.</summary>
    public static async Task<ExchangeVisitResponse> VisitAsync(
        TestPerson visitor, Guid hostSchoolId, DateOnly visitOn, params (string Action, HttpClient By)[] steps)
    {
        var visit = await ReadVisitAsync(await RequestVisitAsync(visitor.Client, hostSchoolId, visitOn));
        foreach (var (action, by) in steps)
        {
            visit = await ReadVisitAsync(await by.PostAsJsonAsync($"/api/exchange-visits/{visit.Id}/{action}", new { reason = "Because" }));
        }
        return visit;
    }

    /// <summary>Asserts the status, showing the body when it differs.</summary>
    public static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}
