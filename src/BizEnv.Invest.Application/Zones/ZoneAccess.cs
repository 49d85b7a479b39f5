using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Zones;

/// <summary>Everyone signed in reads zones (officers need the site finder); a park manager edits only the parks their unit manages.</summary>
public static class ZoneAccess
{
    public static bool MayEdit(Actor actor, Guid managingUnitId) =>
        actor.Roles.Contains(Role.ParkManager) && actor.UnitId == managingUnitId;
}
