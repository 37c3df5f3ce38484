using Federation.BuildingBlocks.DemoData;
using Federation.BuildingBlocks.Hosting;
using Federation.Staff.Api;
using Federation.Staff.Data;
using Federation.Staff.DemoData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("staff", typeof(Program).Assembly);
builder.Services.AddOpenApi();
builder.Services.AddStaffData();
builder.AddDemoData<DemoDataLoader>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapPeopleApi();
app.MapRoleAssignmentsApi();
app.MapDeploymentsApi();
app.RunService();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
