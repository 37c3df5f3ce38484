using System.Net.Http.Json;
using Federation.Contracts.Matrix;
using Federation.Matrix.Api;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Federation.Matrix.Tests;

/// <summary>The matrix service with the test directory (<see cref="DirectoryServiceFixture{TProgram}"/>):
/// it learns the federation of FederatedA and FederatedB, and everything else, from events
/// published on the broker, as the other services publish them.</summary>
public sealed class MatrixServiceFixture() : DirectoryServiceFixture<Program>("matrix")
{
    protected override EventListener ListenTo(EventListener listener) => listener.On<MatrixTemplateAdopted>().On<MatrixCycleClosed>();

    public string FederationPath => $"/api/matrix/federations/{Federation}";

    /// <summary>How many messages the matrix's facts consumer has taken in.</summary>
    public Task<long> FactsReceivedAsync() => Service.CountAsync("inbox", "consumer = 'MatrixFactsConsumer'");

    /// <summary>Waits until every matrix marked changed is worked out again (the materialiser deletes
    /// a scope's marks in the transaction that stores its matrix: none left means none in hand).</summary>
    public Task SettledAsync() =>
        Eventually.Until(() => Service.CountAsync("matrix_dirty"), count => count == 0, TimeSpan.FromSeconds(30), "the matrices worked out again");

    /// <summary>The executive principal's view of the federation's matrix once <paramref name="done"/> holds.</summary>
    public Task<MatrixResponse> MatrixWhenAsync(Func<MatrixResponse, bool> done, string what, string query = "") =>
        Eventually.Until(
            async () => (await ExecutivePrincipal.Client.GetFromJsonAsync<MatrixResponse>(FederationPath + query, Json.Options))!,
            done, TimeSpan.FromSeconds(30), what);

    public static MatrixCell CellOf(MatrixResponse matrix, string rowKey, Guid school) =>
        matrix.Strands.SelectMany(strand => strand.Rows).Single(row => row.Key == rowKey).Cells.Single(cell => cell.SchoolId == school);
}
