using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.Targets;

internal static class TargetLoad
{
    /// <summary>The target an actor asks to change: 404 if missing, 403 unless the actor's unit keeps it or they edit its chain (whose grain then changes it).</summary>
    public static async Task<TargetRow> ForActor(NpgsqlConnection cn, Actor actor, Guid id, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(TargetRow.Select + " WHERE t.id = @id", new { id }, cancellationToken: ct))
            ?? throw new NotFoundException("chain_target", id);
        if (!ChainAccess.MayEditTarget(actor, row.UnitId, await ChainAccess.IsEditor(cn, null, actor, row.ChainId, ct)))
            throw new ForbiddenException("chain.target_not_yours");
        return row;
    }

    /// <summary>The target as its chain's grain is about to change it: 409 if <paramref name="version"/> moved on.</summary>
    public static async Task<TargetRow> Current(NpgsqlConnection cn, NpgsqlTransaction tx, Guid chainId, Guid id, int? version, CancellationToken ct)
    {
        // Locked: a visit logged for the target (CRM) moves its status on in its own transaction.
        await cn.ExecuteAsync(new CommandDefinition("SELECT 1 FROM chain_targets WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        var row = await cn.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(TargetRow.Select + " WHERE t.id = @id AND t.chain_id = @chainId",
            new { id, chainId }, tx, cancellationToken: ct)) ?? throw new NotFoundException("chain_target", id);
        if (version is { } expected && expected != row.Version)
            throw new ConcurrencyConflictException("chain_target", id);
        return row;
    }

    public static async Task<ChainTargetSummary> Reload(NpgsqlConnection cn, NpgsqlTransaction? tx, Guid id, CancellationToken ct) =>
        (await cn.QuerySingleAsync<TargetRow>(new CommandDefinition(TargetRow.Select + " WHERE t.id = @id", new { id }, tx, cancellationToken: ct))).ToDto();

    /// <summary>Bumps the target's version and, when given, stores its new status.</summary>
    public static Task Touch(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, Domain.Chains.ChainTargetStatus? status, DateTimeOffset now, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            UPDATE chain_targets SET status = coalesce(@status, status), updated_at = @now, version = version + 1 WHERE id = @id
            """, new { id, status = status?.ToString(), now }, tx, cancellationToken: ct));
}
