using Federation.BuildingBlocks.DemoData;
using Federation.BuildingBlocks.Hosting;
using Federation.Schools.Api;
using Federation.Schools.Data;
using Federation.Schools.DemoData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("schools", typeof(Program).Assembly);
builder.Services.AddOpenApi();
builder.Services.AddSchoolsData();
builder.Services.AddOptions<GiasOptions>().BindConfiguration("Gias")
    .Validate(gias => gias.IsValid, "Gias:FsmBandUpperBounds must be three rising percentages.").ValidateOnStart();
builder.AddDemoData<DemoDataLoader>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapLocalAuthoritiesApi();
app.MapSchoolsApi();
app.MapGiasImportApi();
app.MapSchoolYearsApi();
app.MapMembershipConsentsApi();
app.MapFederationsApi();
app.MapClustersApi();
app.RunService();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
