using Federation.BuildingBlocks.Hosting;
using Federation.Notifications.Api;
using Federation.Notifications.Data;
using Federation.Notifications.Email;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("notifications", typeof(Program).Assembly);
builder.Services.AddOpenApi();
builder.Services.AddNotificationsData();
builder.AddEmail();

var app = builder.Build();
app.UseServiceDefaults();
app.MapNotificationPreferencesApi();
app.RunService();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
