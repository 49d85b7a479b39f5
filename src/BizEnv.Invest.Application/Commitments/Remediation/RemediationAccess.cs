using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Commitments.Remediation;

/// <summary>
/// The integrity office supervises the whole list and alone signs items off 销号. Officers of the
/// promising unit and of the responsible unit study, plan and report progress on their items.
/// </summary>
public static class RemediationAccess
{
    public static bool MayWork(Actor actor, Guid commitmentUnit, Guid? responsibleUnit) =>
        actor.Roles.Contains(Role.IntegrityOfficer)
        || (actor.Roles.Contains(Role.PromotionOfficer) && (actor.UnitId == commitmentUnit || actor.UnitId == responsibleUnit));

    public static bool MayRead(Actor actor, Guid commitmentUnit, Guid? responsibleUnit) =>
        CrmAccess.ReadsAll(actor) || MayWork(actor, commitmentUnit, responsibleUnit);

    /// <summary>Reads who the item belongs to (its promising and responsible unit) and checks the actor may work on it; not on the list: not found.</summary>
    public static async Task EnsureWorkAsync(NpgsqlConnection cn, Actor actor, Guid commitmentId, CancellationToken ct)
    {
        var units = await cn.QuerySingleOrDefaultAsync<(Guid CommitmentUnit, Guid? ResponsibleUnit)?>(new CommandDefinition("""
            SELECT c.unit_id, r.responsible_unit FROM remediation_items r JOIN commitments c ON c.id = r.commitment_id WHERE r.commitment_id = @commitmentId
            """, new { commitmentId }, cancellationToken: ct)) ?? throw new Errors.NotFoundException("remediation", commitmentId);
        EnsureWork(actor, units.CommitmentUnit, units.ResponsibleUnit, commitmentId);
    }

    public static void EnsureWork(Actor actor, Guid commitmentUnit, Guid? responsibleUnit, Guid id)
    {
        if (!MayRead(actor, commitmentUnit, responsibleUnit))
            throw new Errors.NotFoundException("remediation", id);
        if (!MayWork(actor, commitmentUnit, responsibleUnit))
            throw new Errors.ForbiddenException();
    }
}
