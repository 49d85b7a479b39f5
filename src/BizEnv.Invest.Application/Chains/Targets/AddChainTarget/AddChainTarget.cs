using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.Targets.AddChainTarget;

/// <summary>
/// A firm to approach for a node of a chain 招商目标: a registered investor (<see cref="InvestorId"/>) or a
/// prospect typed in (name, region, Fortune/China-500 flags), always with why it fits. The label is set
/// from the node as it is now — 补链 for a missing node, 强链 for a present one, 延链 for a link added to
/// extend the chain — and kept, so a gap the target closes still counts as 补链.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Admin)]
public sealed record AddChainTarget(
    Guid ChainId, Guid NodeId, Guid? InvestorId, string? ProspectName, string? ProspectRegion, bool IsFortune500, bool IsChina500, string Reason,
    Guid? OwnerId = null) : ICommand<ChainTargetSummary>;

public sealed class AddChainTargetValidator : AbstractValidator<AddChainTarget>
{
    public AddChainTargetValidator()
    {
        RuleFor(x => x.NodeId).NotEmpty().WithText("chain.target_node_required");
        RuleFor(x => x.InvestorId).NotEqual(Guid.Empty).WithText("chain.target_firm_required");
        RuleFor(x => x.ProspectName).NotEmpty().When(x => x.InvestorId is null).WithText("chain.target_who_required")
            .MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.ProspectName).Empty().When(x => x.InvestorId is not null).WithText("chain.target_one_who");
        RuleFor(x => x.ProspectRegion).MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.Reason).NotEmpty().WithText("chain.target_reason_required").MaximumLength(1000).WithText("field.too_long", 1000);
    }
}

public sealed class AddChainTargetHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<AddChainTarget, ChainTargetSummary>
{
    public async Task<ChainTargetSummary> Handle(AddChainTarget r, CancellationToken ct)
    {
        var me = actor.Actor;
        var id = Guid.NewGuid();
        audit.Target("chain_target", id, r.ProspectName?.Trim() ?? r.InvestorId?.ToString());
        var cn = await db.ConnectionAsync(ct);
        var tx = db.Transaction!;
        // The node's status decides the label: read it under the chain's lock, as the editors' changes are.
        await cn.ExecuteAsync(new CommandDefinition("SELECT 1 FROM chains WHERE id = @ChainId FOR SHARE", r, tx, cancellationToken: ct));
        var snapshot = await ChainSnapshot.LoadAsync(cn, tx, r.ChainId, ct);
        var member = snapshot.Members.FirstOrDefault(m => m.NodeId == r.NodeId) ?? throw ValidationText.FieldError(nameof(r.NodeId), "chain.target_node_outside");
        var label = ChainTargetRules.LabelFor(snapshot.StatusAt(r.NodeId, clock.Today()), member.IsExtension);

        string name;
        if (r.InvestorId is { } investor)
        {
            name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM investors WHERE id = @investor", new { investor }, tx, cancellationToken: ct))
                ?? throw ValidationText.FieldError(nameof(r.InvestorId), "chain.firm_unknown");
        }
        else
        {
            name = r.ProspectName!.Trim();
            // A prospect already in the registry should be the registered firm, so its visits and projects join up.
            if (await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM investors WHERE lower(name) = lower(@name))",
                    new { name }, tx, cancellationToken: ct)))
                throw ValidationText.FieldError(nameof(r.ProspectName), "chain.prospect_registered", name);
        }
        audit.Target("chain_target", id, $"{member.Name} · {name}");
        var owner = r.OwnerId ?? (me.Roles.Contains(Role.PromotionOfficer) ? me.UserId : null);
        if (owner is { } o && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = @o AND NOT is_disabled AND 'PromotionOfficer' = ANY(roles))", new { o }, tx, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.OwnerId), "chain.target_owner_not_officer");
        var now = clock.GetUtcNow();
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO chain_targets (id, chain_id, node_id, investor_id, prospect_name, prospect_region, is_fortune500, is_china500, reason, label, status,
                                           unit_id, owner_id, created_by, created_at, updated_at)
                VALUES (@id, @ChainId, @NodeId, @InvestorId, @prospect, @region, @IsFortune500, @IsChina500, @reason, @label, 'Identified',
                        @unit, @owner, @by, @now, @now)
                """, new
            {
                id, r.ChainId, r.NodeId, r.InvestorId, prospect = r.InvestorId is null ? name : null, region = Blank(r.ProspectRegion), r.IsFortune500, r.IsChina500,
                reason = r.Reason.Trim(), label = label.ToString(), unit = me.UnitId, owner, by = me.UserId, now,
            }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw ValidationText.FieldError(r.InvestorId is null ? nameof(r.ProspectName) : nameof(r.InvestorId), "chain.target_duplicate", name, member.Name);
        }
        return await TargetLoad.Reload(cn, tx, id, ct);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
