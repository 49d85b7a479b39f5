using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Agreements;

/// <summary>
/// Who may see and change agreements: they follow their project — officers of the project's unit write, admins
/// write too (the deals of a unit whose officer has left still need keeping); leaders and the integrity office
/// read. A record the actor may not see is reported as not found, so ids cannot be probed.
/// </summary>
public static class AgreementAccess
{
    public const string Select = "SELECT a.project_id, p.unit_id FROM agreements a JOIN projects p ON p.id = a.project_id";

    public static bool MayWrite(Actor actor, Guid projectUnitId) => actor.Roles.Contains(Role.Admin) || CrmAccess.MayWrite(actor, projectUnitId);

    public static void EnsureWrite(Actor actor, Guid projectUnitId, string objectType, Guid id)
    {
        CrmAccess.EnsureRead(actor, projectUnitId, objectType, id);
        if (!MayWrite(actor, projectUnitId))
            throw new ForbiddenException();
    }

    /// <summary>The project an agreement belongs to, for an actor who may change it (404 / 403 otherwise).</summary>
    public static async Task<Guid> ForWrite(NpgsqlConnection cn, Actor actor, Guid agreementId, CancellationToken ct)
    {
        var (projectId, unitId) = await Of(cn, agreementId, ct);
        EnsureWrite(actor, unitId, "agreement", agreementId);
        return projectId;
    }

    public static async Task<Guid> ForRead(NpgsqlConnection cn, Actor actor, Guid agreementId, CancellationToken ct)
    {
        var (projectId, unitId) = await Of(cn, agreementId, ct);
        CrmAccess.EnsureRead(actor, unitId, "agreement", agreementId);
        return projectId;
    }

    /// <summary>The project's unit, for an actor who may record an agreement for it.</summary>
    public static async Task<Guid> ProjectForWrite(NpgsqlConnection cn, Actor actor, Guid projectId, CancellationToken ct)
    {
        var unitId = await cn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("SELECT unit_id FROM projects WHERE id = @projectId", new { projectId },
            cancellationToken: ct)) ?? throw new NotFoundException("project", projectId);
        EnsureWrite(actor, unitId, "project", projectId);
        return unitId;
    }

    private static async Task<(Guid ProjectId, Guid UnitId)> Of(NpgsqlConnection cn, Guid agreementId, CancellationToken ct) =>
        await cn.QuerySingleOrDefaultAsync<(Guid, Guid)?>(new CommandDefinition(Select + " WHERE a.id = @agreementId", new { agreementId }, cancellationToken: ct))
        ?? throw new NotFoundException("agreement", agreementId);
}
