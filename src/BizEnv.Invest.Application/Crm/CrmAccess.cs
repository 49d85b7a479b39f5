using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Crm;

/// <summary>
/// Who may see and change CRM records. Officers work on their own unit's records; leaders, the
/// integrity office and admins read everything; nobody edits another unit's records. A record of
/// another unit is reported as not found, so ids cannot be probed.
/// </summary>
public static class CrmAccess
{
    public static bool ReadsAll(Actor actor) =>
        actor.IsInAnyRole([Role.Leader, Role.IntegrityOfficer, Role.Admin]);

    public static bool MayRead(Actor actor, Guid unitId) =>
        ReadsAll(actor) || (actor.Roles.Contains(Role.PromotionOfficer) && actor.UnitId == unitId);

    public static bool MayWrite(Actor actor, Guid unitId) =>
        actor.Roles.Contains(Role.PromotionOfficer) && actor.UnitId == unitId;

    /// <summary>The unit filter for list queries: null means every unit.</summary>
    public static Guid? UnitScope(Actor actor) => ReadsAll(actor) ? null : actor.UnitId ?? Guid.Empty;

    /// <summary>
    /// Whose private notes and contacts the actor sees (unit privacy in the shared registry): the
    /// integrity office supervises every unit, so null (all, labelled by unit); anyone else only their
    /// own unit's — leaders and admins included, since "read everything" covers records, not a unit's
    /// internal remarks about a firm.
    /// </summary>
    public static Guid? PrivateScope(Actor actor) => actor.Roles.Contains(Role.IntegrityOfficer) ? null : actor.UnitId ?? Guid.Empty;

    /// <summary>
    /// The SQL condition "this private_to_unit column is visible", for a query given @privateScope =
    /// <see cref="PrivateScope"/>: shared rows, the actor's own unit's, or all for the integrity office.
    /// </summary>
    public static string VisibleSql(string column) => $"({column} IS NULL OR @privateScope::uuid IS NULL OR {column} = @privateScope)";

    public static void EnsureRead(Actor actor, Guid unitId, string objectType, Guid id)
    {
        if (!MayRead(actor, unitId))
            throw new NotFoundException(objectType, id);
    }

    public static void EnsureWrite(Actor actor, Guid unitId, string objectType, Guid id)
    {
        if (!MayRead(actor, unitId))
            throw new NotFoundException(objectType, id);
        if (!MayWrite(actor, unitId))
            throw new ForbiddenException();
    }
}
