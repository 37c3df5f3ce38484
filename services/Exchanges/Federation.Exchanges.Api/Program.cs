using Federation.BuildingBlocks.DemoData;
using Federation.BuildingBlocks.Hosting;
using Federation.Exchanges.Api;
using Federation.Exchanges.Data;
using Federation.Exchanges.DemoData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("exchanges", typeof(Program).Assembly);
builder.Services.AddOpenApi();
builder.Services.AddExchangesData();
builder.AddDemoData<DemoDataLoader>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapExchangeVisitsApi();
app.MapExchangeHostsApi();
app.MapOpenDaysApi();
app.MapCalendarFeedsApi();
app.RunService();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
