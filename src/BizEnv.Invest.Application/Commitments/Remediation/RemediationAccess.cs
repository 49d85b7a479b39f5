using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Identity;

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

    public static void EnsureWork(Actor actor, Guid commitmentUnit, Guid? responsibleUnit, Guid id)
    {
        if (!MayRead(actor, commitmentUnit, responsibleUnit))
            throw new Errors.NotFoundException("remediation", id);
        if (!MayWork(actor, commitmentUnit, responsibleUnit))
            throw new Errors.ForbiddenException();
    }
}
