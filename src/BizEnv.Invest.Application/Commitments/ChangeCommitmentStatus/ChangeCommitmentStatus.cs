using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Common.Grains;
using Orleans;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.ChangeCommitmentStatus;

/// <summary>
/// Move a promise along its lifecycle: in progress; fulfilled (evidence required); partly fulfilled
/// (how much, in %); extended (new due date and the investor's consent document); cancelled (the
/// mutual agreement document). Fulfilment or cancellation gives back the capacity it held.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record ChangeCommitmentStatus(
    Guid Id, CommitmentStatus To, string? Note, string? Evidence, decimal? FulfilledShare, DateOnly? NewDueDate, string? ConsentDocument,
    string? AgreementDocument, int Version) : ICommand<CommitmentState>, IGrainCommand;

public sealed class ChangeCommitmentStatusValidator : AbstractValidator<ChangeCommitmentStatus>
{
    public ChangeCommitmentStatusValidator()
    {
        RuleFor(x => x.To).Must(t => t is CommitmentStatus.InProgress or CommitmentStatus.Fulfilled or CommitmentStatus.PartlyFulfilled
            or CommitmentStatus.Extended or CommitmentStatus.Cancelled).WithText("commitment.status_not_manual");
        RuleFor(x => x.Evidence).NotEmpty().WithText("commitment.evidence_required").When(x => x.To == CommitmentStatus.Fulfilled);
        RuleFor(x => x.FulfilledShare).NotNull().WithText("commitment.share_required").InclusiveBetween(1, 99).WithText("commitment.share_range")
            .When(x => x.To == CommitmentStatus.PartlyFulfilled);
        RuleFor(x => x.NewDueDate).NotNull().WithText("commitment.new_due_required").When(x => x.To == CommitmentStatus.Extended);
        RuleFor(x => x.ConsentDocument).NotEmpty().WithText("commitment.consent_required").When(x => x.To == CommitmentStatus.Extended);
        RuleFor(x => x.AgreementDocument).NotEmpty().WithText("commitment.agreement_required").When(x => x.To == CommitmentStatus.Cancelled);
        RuleFor(x => x.Note).MaximumLength(2000).WithText("field.too_long", 2000);
    }
}

public sealed class ChangeCommitmentStatusHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<ChangeCommitmentStatus, CommitmentState>
{
    public async Task<CommitmentState> Handle(ChangeCommitmentStatus r, CancellationToken ct)
    {
        audit.Target("commitment", r.Id, $"→ {r.To}");
        var current = await CommitmentLoad.Read(await db.ConnectionAsync(ct), null, r.Id, ct);
        CrmAccess.EnsureWrite(actor.Actor, current.UnitId, "commitment", r.Id);
        var command = new ChangePromiseStatus(r.To, r.Note, r.Evidence, r.FulfilledShare, r.NewDueDate, r.ConsentDocument, r.AgreementDocument, r.Version);
        return (await grains.GetGrain<IPromiseGrain>(r.Id).ChangeStatus(command, CommandContext.For(actor, audit, r))).Result<CommitmentState>();
    }
}
