using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Defaults;

/// <summary>
/// A default belongs to the government unit that signed its agreement: that unit's officers work it (recoveries,
/// amount due, close); the integrity office and leaders read every default. Anyone else is told it does not exist.
/// </summary>
public static class DefaultAccess
{
    public static bool ReadsAll(Actor actor) => actor.IsInAnyRole([Role.Leader, Role.IntegrityOfficer]);

    public static bool MayWork(Actor actor, Guid unitId) => actor.Roles.Contains(Role.PromotionOfficer) && actor.UnitId == unitId;

    public static bool MayRead(Actor actor, Guid unitId) => ReadsAll(actor) || MayWork(actor, unitId);

    /// <summary>The unit filter for lists: null means every unit.</summary>
    public static Guid? Scope(Actor actor) => ReadsAll(actor) ? null : actor.UnitId ?? Guid.Empty;

    /// <summary>Checks the actor may work on the default and returns its obligation's id (the key of its grain).</summary>
    public static async Task<Guid> EnsureWorkAsync(NpgsqlConnection cn, Actor actor, Guid defaultId, CancellationToken ct)
    {
        var row = await cn.QuerySingleOrDefaultAsync<(Guid ObligationId, Guid UnitId)?>(new CommandDefinition("""
            SELECT d.obligation_id, a.unit_id FROM obligation_defaults d JOIN obligations o ON o.id = d.obligation_id JOIN agreements a ON a.id = o.agreement_id
            WHERE d.id = @defaultId
            """, new { defaultId }, cancellationToken: ct));
        if (row is not { } r || !MayRead(actor, r.UnitId))
            throw new Errors.NotFoundException("default", defaultId);
        if (!MayWork(actor, r.UnitId))
            throw new Errors.ForbiddenException();
        return r.ObligationId;
    }
}
