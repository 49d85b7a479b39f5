using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using Orleans;

namespace BizEnv.Invest.Application.Agreements.RecordAgreement;

/// <summary>
/// An officer of the project's unit (or an admin) records the project's investment agreement: number, title, the
/// government unit and both signatories, the signing date, the conditional-payment rule, the investor's obligations
/// (at least one) and, optionally, the signed file (PDF or image, ≤ 10 MB). The government unit defaults to the project's.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record RecordAgreement(
    Guid ProjectId, Guid? UnitId, string Number, string Title, string GovernmentSignatory, string InvestorSignatory, DateOnly SignedOn,
    int ConditionPaymentDays, IReadOnlyList<ObligationInput> Obligations, string? FileName = null, string? ContentType = null, byte[]? FileContent = null)
    : ICommand<AgreementSaved>, IGrainCommand;

public sealed class RecordAgreementValidator : AbstractValidator<RecordAgreement>
{
    public RecordAgreementValidator()
    {
        RuleFor(x => x.Obligations).NotNull().WithText("agreement.obligation_required")
            .Must(o => o is null || o.Count <= Agreement.MaxObligations).WithText("agreement.too_many_obligations", Agreement.MaxObligations);
        SignedFileRules.Rules(this, x => x.FileName, x => x.ContentType, x => x.FileContent);
    }
}

public sealed class RecordAgreementHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<RecordAgreement, AgreementSaved>
{
    public async Task<AgreementSaved> Handle(RecordAgreement r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("agreement", id, $"{r.Number} ({r.Obligations?.Count ?? 0})");
        var unitId = await AgreementAccess.ProjectForWrite(await db.ConnectionAsync(ct), actor.Actor, r.ProjectId, ct);
        var file = r.FileContent is null ? null : new SignedFile(r.FileName!.Trim(), r.ContentType!, r.FileContent);
        var reply = await grains.GetGrain<IAgreementGrain>(id).Record(new NewAgreement(r.ProjectId, r.UnitId ?? unitId, r.Number ?? "", r.Title ?? "",
            r.GovernmentSignatory ?? "", r.InvestorSignatory ?? "", r.SignedOn, r.ConditionPaymentDays, [.. (r.Obligations ?? []).Select(o => o.ToDraft(Guid.NewGuid()))],
            file, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<AgreementSaved>();
    }
}
