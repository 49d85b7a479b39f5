using Dapper;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.Grain;

/// <summary>
/// The one line the project's writer calls after a stage change or a 到资 commits: each agreement of the
/// project reads the project again at once (its daily tick would, later).
/// </summary>
public static class AgreementNews
{
    public static async Task ProjectChanged(IGrainFactory grains, NpgsqlDataSource dataSource, Guid projectId)
    {
        IReadOnlyList<Guid> ids;
        await using (var cn = await dataSource.OpenConnectionAsync())
            ids = (await cn.QueryAsync<Guid>("SELECT id FROM agreements WHERE project_id = @projectId", new { projectId })).ToList();
        await Task.WhenAll(ids.Select(id => grains.GetGrain<IAgreementGrain>(id).CheckDue()));
    }
}
