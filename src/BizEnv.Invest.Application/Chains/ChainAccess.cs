using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains;

/// <summary>
/// Who works with the chain map. Officers, leaders and admins read every chain (it is the city's
/// map, not a unit's); admins create chains and name their editors; a chain's editors (admins, and
/// the officers designated for it) build it and set its thresholds. Targets are kept by the unit
/// that entered them (any of its officers) and by the chain's editors.
/// </summary>
public static class ChainAccess
{
    public static async Task<bool> IsEditor(NpgsqlConnection cn, NpgsqlTransaction? tx, Actor actor, Guid chainId, CancellationToken ct) =>
        actor.Roles.Contains(Role.Admin)
        || (actor.Roles.Contains(Role.PromotionOfficer) && await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM chain_editors WHERE chain_id = @chainId AND user_id = @user)",
            new { chainId, user = actor.UserId }, tx, cancellationToken: ct)));

    /// <summary>
    /// Locks the chain row for the rest of the command (so two editors changing one chain's graph take
    /// turns — that is what keeps it acyclic); 404 if it does not exist, 403 unless the actor edits it,
    /// 409 when <paramref name="version"/> is given and the chain has moved on.
    /// </summary>
    public static async Task LockForEdit(NpgsqlConnection cn, NpgsqlTransaction tx, Actor actor, Guid chainId, int? version, CancellationToken ct)
    {
        var current = await cn.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT version FROM chains WHERE id = @chainId FOR UPDATE", new { chainId }, tx, cancellationToken: ct))
            ?? throw new NotFoundException("chain", chainId);
        if (!await IsEditor(cn, tx, actor, chainId, ct))
            throw new ForbiddenException("chain.not_editor");
        if (version is { } expected && expected != current)
            throw new ConcurrencyConflictException("chain", chainId);
    }

    public static bool MayEditTarget(Actor actor, Guid targetUnitId, bool isChainEditor) =>
        isChainEditor || (actor.Roles.Contains(Role.PromotionOfficer) && actor.UnitId == targetUnitId);
}
