using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Crm.Projects;

internal static class ProjectLoad
{
    /// <summary>
    /// May this actor change the project? 404 if they may not see it, 403 if they may only read it.
    /// (The change itself is the project grain's; a project never moves between units, so this holds.)
    /// </summary>
    public static async Task<ProjectRow> ForWrite(NpgsqlConnection cn, Actor actor, Guid id, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + " WHERE p.id = @id",
            new { id }, cancellationToken: ct)) ?? throw new NotFoundException("project", id);
        CrmAccess.EnsureWrite(actor, row.UnitId, "project", id);
        return row;
    }

    public static async Task<ProjectRow> ForRead(NpgsqlConnection cn, Actor actor, Guid id, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + " WHERE p.id = @id",
            new { id }, cancellationToken: ct)) ?? throw new NotFoundException("project", id);
        // The concierge A/B may come from another unit: they read the project they serve.
        if (!CrmAccess.MayRead(actor, row.UnitId) && !await IsConcierge(cn, actor, id, ct))
            throw new NotFoundException("project", id);
        return row;
    }

    private static Task<bool> IsConcierge(NpgsqlConnection cn, Actor actor, Guid id, CancellationToken ct) =>
        cn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM concierge_assignments WHERE project_id = @id AND ended_at IS NULL AND @user IN (a_user_id, b_user_id))
            """, new { id, user = actor.UserId }, cancellationToken: ct));

    public static async Task<ProjectSummary> Reload(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        (await cn.QuerySingleAsync<ProjectRow>(new CommandDefinition(ProjectRow.Select + " WHERE p.id = @id", new { id }, tx, cancellationToken: ct))).ToDto();
}
