using BizEnv.Invest.Application.Commitments.Promises;
using BizEnv.Invest.Application.Common.Grains;
using Orleans;
using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.Remediation;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Zones;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.RecordCommitment;

/// <summary>
/// Record a promise 承诺 made to a project's investor. Within the officer's authority and with a
/// policy basis it binds at once (Open); otherwise it is held as pending approval with the exact
/// limit it exceeded. A binding promise of land, space or power reserves that capacity through the
/// capacity guard in the same transaction — if the zone cannot supply it, nothing is recorded.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record RecordCommitment(
    Guid ProjectId, CommitmentKind Kind, string Clause, decimal? ValueCny, Guid? ZoneId, Resource? Resource, decimal? Amount,
    DateOnly MadeOn, DateOnly DueDate, string? PolicyTitle, string? PolicyNumber, string? ContractRef,
    Guid? AgreementId = null, IReadOnlyList<Guid>? ConditionObligationIds = null) : ICommand<CommitmentState>, IGrainCommand;

public sealed class RecordCommitmentValidator : AbstractValidator<RecordCommitment>
{
    public RecordCommitmentValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithText("commitment.kind_unknown");
        RuleFor(x => x.Clause).NotEmpty().WithText("commitment.clause_required").MaximumLength(4000).WithText("field.too_long", 4000);
        RuleFor(x => x.ValueCny).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThan(10_000_000_000_000_000m).WithText("field.amount_too_large");
        RuleFor(x => x.ValueCny).NotNull().WithText("commitment.value_required")
            .When(x => x.Kind is CommitmentKind.TaxRebate or CommitmentKind.Subsidy or CommitmentKind.Financing);
        RuleFor(x => x.DueDate).GreaterThanOrEqualTo(x => x.MadeOn).WithText("commitment.due_before_made");
        RuleFor(x => x.Amount).GreaterThan(0).WithText("capacity.amount_positive").When(x => x.Amount is not null);
        RuleFor(x => x).Must(x => (x.ZoneId is null) == (x.Resource is null) && (x.ZoneId is null) == (x.Amount is null))
            .WithName("ZoneId").WithText("commitment.capacity_incomplete");
        RuleFor(x => x.ZoneId).NotNull().WithText("commitment.land_needs_zone").When(x => x.Kind == CommitmentKind.Land);
        RuleFor(x => x.PolicyTitle).MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.PolicyNumber).MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.ContractRef).MaximumLength(100).WithText("field.too_long", 100);
        // A conditional promise 附条件承诺 waits on obligations of the agreement it was made under.
        RuleFor(x => x.AgreementId).NotNull().WithText("commitment.conditions_need_agreement").When(x => x.ConditionObligationIds is { Count: > 0 });
        RuleFor(x => x.ConditionObligationIds).Must(c => c is null || c.Count <= 20).WithText("commitment.conditions_too_many", 20);
    }
}

public sealed class RecordCommitmentHandler(IDbSession db, ActorContext actor, IAuditTrail audit, IGrainFactory grains)
    : IRequestHandler<RecordCommitment, CommitmentState>
{
    /// <summary>What a record reads before it asks the grain, in one round trip (public for the benchmark's raw run of the same statements).</summary>
    public const string ReadSql = """
        SELECT unit_id, investor_id, stage FROM projects WHERE id = @ProjectId;
        SELECT display_name FROM users WHERE id = @user;
        SELECT project_id FROM agreements WHERE id = @AgreementId;
        SELECT id FROM obligations WHERE id = ANY(@conditions) AND agreement_id = @AgreementId;
        """ + AuthorityLimitSource.Select + ";" + FairCompetition.FairReviewSource.SelectActiveRules;

    public async Task<CommitmentState> Handle(RecordCommitment r, CancellationToken ct)
    {
        var me = actor.Actor;
        // With an Idempotency-Key the id follows from it: a repeat reaches the same promise, which replays its answer.
        var id = actor.IdempotencyKey is { } key && me.UserId is { } user ? PromiseIds.ForKey(user, key) : Guid.NewGuid();
        audit.Target("commitment", id, $"{r.Kind} {r.ValueCny}");
        // The project, the promiser's name and authority, the agreement's project and its obligations named, and the active
        // fair-competition rules, in one round trip.
        var conditions = r.ConditionObligationIds?.Distinct().ToArray() ?? [];
        await using var read = await (await db.ConnectionAsync(ct)).QueryMultipleAsync(new CommandDefinition(ReadSql, new
        {
            r.ProjectId, user = me.UserId, unitId = me.UnitId, role = nameof(Role.PromotionOfficer), r.AgreementId, conditions,
        }, cancellationToken: ct));
        var project = await read.ReadSingleOrDefaultAsync<(Guid UnitId, Guid InvestorId, string Stage)?>();
        var promiser = await read.ReadSingleAsync<string>();
        var agreementProject = await read.ReadSingleOrDefaultAsync<Guid?>();
        var ofAgreement = (await read.ReadAsync<Guid>()).ToHashSet();
        var limits = Limit.Of(AuthorityLimitSource.Read(await read.ReadAsync<(string Kind, decimal? Max)>()));
        var fairRules = FairCompetition.FairReviewSource.ReadRules(await read.ReadAsync<(Guid, string, string[], string[], string)>());
        // Another unit's project is not even there for this officer (as when reading it).
        if (project is not { } p || !Crm.CrmAccess.MayRead(me, p.UnitId))
            throw new Errors.NotFoundException("project", r.ProjectId);
        Crm.CrmAccess.EnsureWrite(me, p.UnitId, "project", r.ProjectId);
        if (p.Stage == nameof(Domain.Crm.ProjectStage.Terminated))
            throw new Domain.Common.DomainException("project.terminated");
        if (r.AgreementId is { } agreementId && agreementProject != r.ProjectId)
            throw ValidationText.FieldError(nameof(r.AgreementId), "commitment.agreement_not_of_project");
        if (conditions.FirstOrDefault(c => !ofAgreement.Contains(c)) is var stray && stray != Guid.Empty)
            throw ValidationText.FieldError(nameof(r.ConditionObligationIds), "commitment.condition_not_of_agreement");
        var command = new RecordPromise(new PromiseParties(r.ProjectId, p.InvestorId, p.UnitId, me.UserId, promiser), limits, r.Kind, r.Clause,
            r.ValueCny, r.ZoneId, r.Resource, r.Amount, r.MadeOn, r.DueDate, r.PolicyTitle, r.PolicyNumber, r.ContractRef, fairRules, r.AgreementId,
            conditions.Length == 0 ? null : conditions);
        return (await grains.GetGrain<IPromiseGrain>(id).Record(command, CommandContext.For(actor, audit, r))).Result<CommitmentState>();
    }
}
