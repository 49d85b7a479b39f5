using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Remediation.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Orleans;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.Remediation.SignOffRemediation;

/// <summary>
/// 销号: the integrity office signs a remediated item off with its evidence. Only an item that has
/// been studied and planned (plan, responsible unit, deadline) can be signed off; it is final.
/// </summary>
[AllowRoles(Role.IntegrityOfficer)]
public sealed record SignOffRemediation(Guid CommitmentId, string Evidence, int Version) : ICommand<RemediationState>, IGrainCommand;

public sealed class SignOffRemediationValidator : AbstractValidator<SignOffRemediation>
{
    public SignOffRemediationValidator() =>
        RuleFor(x => x.Evidence).NotEmpty().WithText("remediation.signoff_needs_evidence").MaximumLength(4000).WithText("field.too_long", 4000);
}

public sealed class SignOffRemediationHandler(ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<SignOffRemediation, RemediationState>
{
    public async Task<RemediationState> Handle(SignOffRemediation r, CancellationToken ct)
    {
        audit.Target("remediation", r.CommitmentId, "signed off");
        var reply = await grains.GetGrain<IRemediationListGrain>(RemediationListKeys.Only).SignOff(
            new RemediationSignOff(r.CommitmentId, r.Evidence, r.Version, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<RemediationState>();
    }
}
