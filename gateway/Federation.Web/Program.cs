using Federation.BuildingBlocks.Hosting;
using Federation.Web;
using Federation.Web.Gateway;
using Federation.Web.SignIn;

var builder = WebApplication.CreateBuilder(args);
builder.AddObservability("web");
builder.AddWebSignIn();
builder.AddGatewayClient();
builder.AddPages();

var app = builder.Build();
app.UseWebDefaults();
app.MapWebSignIn();
app.MapGatewayDownloads();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
