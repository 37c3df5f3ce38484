using Federation.BuildingBlocks.Hosting;
using Federation.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddHostingDefaults("gateway");
builder.AddServiceRoutes();
builder.AddClientRateLimiting();

var app = builder.Build();
app.UseHostingDefaults(afterAuthentication: pipeline => pipeline.UseRateLimiter(), logEveryRequest: true);
if (app.Environment.IsDevelopment())
{
    app.MapDevSignIn();
}
app.MapServiceDocuments();
app.MapServiceRoutes();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
