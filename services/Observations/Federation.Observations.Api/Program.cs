using Federation.BuildingBlocks.DemoData;
using Federation.BuildingBlocks.Hosting;
using Federation.Observations.Api;
using Federation.Observations.Data;
using Federation.Observations.DemoData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("observations", typeof(Program).Assembly);
builder.Services.AddOpenApi();
builder.Services.AddObservationsData();
builder.AddDemoData<DemoDataLoader>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapObservationsApi();
app.MapSupportFollowUpsApi();
app.MapSeniorTeamWalksApi();
app.MapCoverageApi();
app.RunService();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
