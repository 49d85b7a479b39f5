using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Agreements.GetAgreement;

/// <summary>One agreement: its header, its obligations with their progress, and every figure with its evidence (latest first).</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetAgreement(Guid Id) : IQuery<AgreementDetail>;

public sealed class GetAgreementHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetAgreement, AgreementDetail>
{
    public async Task<AgreementDetail> Handle(GetAgreement r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        await AgreementAccess.ForRead(cn, actor.Actor, r.Id, ct);
        var summary = await cn.QuerySingleOrDefaultAsync<AgreementSummary>(new CommandDefinition(AgreementQueries.Summary + " WHERE a.id = @Id", r, cancellationToken: ct))
            ?? throw new NotFoundException("agreement", r.Id);
        var head = await cn.QuerySingleAsync<(string Gov, string Inv, int Days, string? File, string Owner, int Version, Guid ProjectUnit)>(new CommandDefinition("""
            SELECT a.government_signatory, a.investor_signatory, a.condition_payment_days, a.file_name, ow.display_name, a.version, p.unit_id
            FROM agreements a JOIN users ow ON ow.id = a.owner_id JOIN projects p ON p.id = a.project_id WHERE a.id = @Id
            """, r, cancellationToken: ct));
        var obligations = await cn.QueryAsync<ObligationDto>(new CommandDefinition("""
            SELECT o.id AS Id, o.agreement_id AS AgreementId, o.kind AS Kind, o.description AS Description, o.target AS Target, o.unit AS Unit,
                   o.due_date AS DueDate, o.progress AS Progress, o.reached_on AS ReachedOn, o.status AS Status, o.met_on AS MetOn, o.cure_days AS CureDays,
                   o.remedy AS Remedy, o.remedy_amount AS RemedyAmount, u.display_name AS OwnerName, o.version AS Version
            FROM obligations o JOIN users u ON u.id = o.owner_id WHERE o.agreement_id = @Id ORDER BY o.due_date, o.created_at, o.id
            """, r, cancellationToken: ct));
        var progress = await cn.QueryAsync<ProgressDto>(new CommandDefinition("""
            SELECT g.id AS Id, g.obligation_id AS ObligationId, g.value AS Value, g.reached_on AS ReachedOn, g.as_of AS AsOf, g.evidence AS Evidence,
                   g.source AS Source, u.display_name AS EnteredBy, g.entered_at AS EnteredAt
            FROM obligation_progress g JOIN obligations o ON o.id = g.obligation_id LEFT JOIN users u ON u.id = g.entered_by
            WHERE o.agreement_id = @Id ORDER BY g.entered_at DESC, g.as_of DESC
            """, r, cancellationToken: ct));
        // Figures read from the project carry their evidence as coded text: put into the reader's words here.
        var history = progress.Select(p => p with { Evidence = CodedText.Render(p.Evidence) ?? p.Evidence }).ToList();
        return new AgreementDetail(summary, head.Gov, head.Inv, head.Days, head.File, head.Owner, head.Version,
            AgreementAccess.MayWrite(actor.Actor, head.ProjectUnit), obligations.ToList(), history);
    }
}
