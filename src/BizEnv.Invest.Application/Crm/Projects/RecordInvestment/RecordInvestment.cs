using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using MediatR;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Crm.Projects.Grain;
using Orleans;

namespace BizEnv.Invest.Application.Crm.Projects.RecordInvestment;

/// <summary>Record investment actually in place 到资 on a date; the project shows it against plan.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record RecordInvestment(Guid ProjectId, DateOnly OnDate, decimal Amount, string? Note) : ICommand<ProjectSummary>, IGrainCommand;

public sealed class RecordInvestmentValidator : AbstractValidator<RecordInvestment>
{
    public RecordInvestmentValidator()
    {
        RuleFor(x => x.Amount).GreaterThan(0).WithText("project.investment_positive").LessThanOrEqualTo(ProjectFieldsValidator.MaxAmount).WithText("field.amount_too_large");
        RuleFor(x => x.Note).MaximumLength(500).WithText("field.too_long", 500);
    }
}

public sealed class RecordInvestmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains) : IRequestHandler<RecordInvestment, ProjectSummary>
{
    public async Task<ProjectSummary> Handle(RecordInvestment r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, $"到资 {r.Amount}");
        await ProjectLoad.ForWrite(await db.ConnectionAsync(ct), actor.Actor, r.ProjectId, ct);
        var reply = await grains.GetGrain<IProjectGrain>(r.ProjectId).RecordInvestment(
            new InvestmentEntry(r.OnDate, r.Amount, r.Note, actor.Actor.UserId!.Value), CommandContext.For(actor, audit, r));
        return reply.Result<ProjectSummary>();
    }
}
