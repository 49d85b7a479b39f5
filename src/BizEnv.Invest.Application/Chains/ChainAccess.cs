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
    /// Before a change goes to the chain's grain: 404 if the chain does not exist, 403 unless the actor
    /// edits it. (Versions and the graph's rules are the grain's to check, on what it holds.)
    /// </summary>
    public static async Task EnsureEditor(NpgsqlConnection cn, Actor actor, Guid chainId, CancellationToken ct)
    {
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM chains WHERE id = @chainId)", new { chainId }, cancellationToken: ct)))
            throw new NotFoundException("chain", chainId);
        if (!await IsEditor(cn, null, actor, chainId, ct))
            throw new ForbiddenException("chain.not_editor");
    }

    public static bool MayEditTarget(Actor actor, Guid targetUnitId, bool isChainEditor) =>
        isChainEditor || (actor.Roles.Contains(Role.PromotionOfficer) && actor.UnitId == targetUnitId);
}
