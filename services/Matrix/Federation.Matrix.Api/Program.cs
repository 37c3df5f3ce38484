using Federation.BuildingBlocks.DemoData;
using Federation.BuildingBlocks.Hosting;
using Federation.Matrix.Api;
using Federation.Matrix.Data;
using Federation.Matrix.DemoData;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("matrix", typeof(Program).Assembly);
builder.Services.AddOpenApi();
builder.Services.AddMatrixData();
builder.AddDemoData<DemoDataLoader>();

var app = builder.Build();
app.UseServiceDefaults();
app.MapMatrixApi();
app.RunService();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
