using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ListConditionChoices;

/// <summary>
/// What a promise of a project may be made under and conditional on: the project's agreements, each with the
/// investor's obligations it names (the recording form's choices; the API's too).
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListConditionChoices(Guid ProjectId) : IQuery<IReadOnlyList<AgreementChoice>>;

public sealed record AgreementChoice(Guid Id, string Number, string Title, DateOnly SignedOn, int ConditionPaymentDays, IReadOnlyList<ObligationChoice> Obligations);

public sealed record ObligationChoice(Guid Id, string Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate, string Status);

public sealed class ListConditionChoicesHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListConditionChoices, IReadOnlyList<AgreementChoice>>
{
    private sealed record AgreementRow(Guid Id, string Number, string Title, DateOnly SignedOn, int ConditionPaymentDays);

    private sealed record ObligationRow(Guid AgreementId, Guid Id, string Kind, string Description, decimal? Target, string? Unit, DateOnly DueDate, string Status);

    public async Task<IReadOnlyList<AgreementChoice>> Handle(ListConditionChoices r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await using var read = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT unit_id FROM projects WHERE id = @ProjectId;
            SELECT id AS Id, number AS Number, title AS Title, signed_on AS SignedOn, condition_payment_days AS ConditionPaymentDays
            FROM agreements WHERE project_id = @ProjectId ORDER BY signed_on DESC, number;
            SELECT o.agreement_id AS AgreementId, o.id AS Id, o.kind AS Kind, o.description AS Description, o.target AS Target, o.unit AS Unit,
                   o.due_date AS DueDate, o.status AS Status
            FROM obligations o JOIN agreements a ON a.id = o.agreement_id WHERE a.project_id = @ProjectId ORDER BY o.due_date, o.id;
            """, new { r.ProjectId }, cancellationToken: ct));
        // Another unit's project is not there for an officer (as when reading it).
        if (await read.ReadSingleOrDefaultAsync<Guid?>() is not { } unit || !CrmAccess.MayRead(actor.Actor, unit))
            throw new Errors.NotFoundException("project", r.ProjectId);
        var agreements = (await read.ReadAsync<AgreementRow>()).ToList();
        var obligations = (await read.ReadAsync<ObligationRow>()).ToLookup(o => o.AgreementId);
        return [.. agreements.Select(a => new AgreementChoice(a.Id, a.Number, a.Title, a.SignedOn, a.ConditionPaymentDays,
            [.. obligations[a.Id].Select(o => new ObligationChoice(o.Id, o.Kind, o.Description, o.Target, o.Unit, o.DueDate, o.Status))]))];
    }
}
