using System.Net;
using Federation.Contracts.Matrix;
using Federation.Matrix.Domain;
using static Federation.Matrix.Tests.MatrixServiceFixture;

namespace Federation.Matrix.Tests;

/// <summary>Scenario 8: the executive principal adopts the lead school's rows for a member school.</summary>
public class TemplateAdoptionTests(MatrixServiceFixture fixture) : IClassFixture<MatrixServiceFixture>
{
    [Fact]
    public async Task A_member_is_grey_until_the_executive_principal_adopts_the_lead_schools_rows_then_red_where_it_has_no_owner()
    {
        var headOfB = await fixture.NewInSchoolAsync(fixture.FederatedB, "headteacher");
        var outsider = await fixture.NewInSchoolAsync(fixture.Other, "headteacher");
        var before = await fixture.MatrixWhenAsync(m => m.Columns.Length >= 2, "the federation's columns");
        var adopt = $"{fixture.FederationPath}/schools/{fixture.FederatedB}/adopt-template";

        var byHead = await headOfB.Client.PostAsync(adopt, null);
        var byOutsider = await outsider.Client.PostAsync(adopt, null);
        var forTheLead = await fixture.ExecutivePrincipal.Client.PostAsync($"{fixture.FederationPath}/schools/{fixture.FederatedA}/adopt-template", null);
        var forANonMember = await fixture.ExecutivePrincipal.Client.PostAsync($"{fixture.FederationPath}/schools/{fixture.Other}/adopt-template", null);
        var adopted = await fixture.ExecutivePrincipal.Client.PostAsync(adopt, null);
        var again = await fixture.ExecutivePrincipal.Client.PostAsync(adopt, null);
        var after = await fixture.MatrixWhenAsync(_ => true, "the matrix");

        Assert.All(MatrixRow.LeadershipFunctions, function =>
        {
            Assert.Equal(CellStatus.Grey, CellOf(before, $"leadership.{function}", fixture.FederatedB).Status);
            Assert.Equal(CellStatus.Red, CellOf(after, $"leadership.{function}", fixture.FederatedB).Status);
            Assert.Equal(CellOf(before, $"leadership.{function}", fixture.FederatedA), CellOf(after, $"leadership.{function}", fixture.FederatedA));
        });
        Assert.Equal("red: no safeguarding and wellbeing lead", CellOf(after, "leadership.safeguardingAndWellbeing", fixture.FederatedB).Rule);
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOutsider.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "template-for-members"), (forTheLead.StatusCode, await RuleAsync(forTheLead)));
        Assert.Equal((HttpStatusCode.Conflict, "template-for-members"), (forANonMember.StatusCode, await RuleAsync(forANonMember)));
        Assert.Equal(HttpStatusCode.NoContent, adopted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(1, await fixture.Service.CountAsync("outbox", $"message_type like '%MatrixTemplateAdopted%' and payload->>'schoolId' = '{fixture.FederatedB}'"));
        await fixture.Events.WaitFor<MatrixTemplateAdopted>(e => e.FederationId == fixture.Federation && e.SchoolId == fixture.FederatedB);
    }
}
