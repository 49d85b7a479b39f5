using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Commitments.FairCompetition.SaveFairCompetitionRule;

/// <summary>
/// An admin adds a rule (no id) or edits one (its id and the version read). A rule applies to promises recorded
/// after it is saved: promises already recorded keep the review (or none) they got.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record SaveFairCompetitionRule(Guid? Id, string Name, IReadOnlyList<CommitmentKind> Kinds, IReadOnlyList<string>? Keywords, string LegalBasis,
    bool Active = true, int Version = 0) : ICommand<FairRuleDto>;

public sealed class SaveFairCompetitionRuleValidator : AbstractValidator<SaveFairCompetitionRule>
{
    public SaveFairCompetitionRuleValidator()
    {
        RuleFor(x => x.Name).MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.LegalBasis).MaximumLength(500).WithText("field.too_long", 500);
        RuleForEach(x => x.Kinds).IsInEnum().WithText("commitment.kind_unknown");
        RuleForEach(x => x.Keywords).MaximumLength(40).WithText("field.too_long", 40);
    }
}

public sealed class SaveFairCompetitionRuleHandler(IDbSession db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<SaveFairCompetitionRule, FairRuleDto>
{
    public async Task<FairRuleDto> Handle(SaveFairCompetitionRule r, CancellationToken ct)
    {
        var id = r.Id ?? Guid.NewGuid();
        FairCompetitionRule rule;
        try
        {
            rule = FairCompetitionReview.Clean(id, r.Name, r.Kinds, r.Keywords, r.LegalBasis, r.Active);
        }
        catch (Domain.Common.FieldRuleException f)
        {
            throw ValidationText.FieldError(f.Field, f.Code, [.. f.Args]);
        }
        audit.Target("fair-competition-rule", id, rule.Name);
        var cn = await db.ConnectionAsync(ct);
        if (await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM fair_competition_rules WHERE name = @Name AND id <> @Id)", rule, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError("Name", "fairreview.rule_name_taken", rule.Name);
        var args = new
        {
            id, rule.Name, kinds = rule.Kinds.Select(k => k.ToString()).ToArray(), keywords = rule.Keywords.ToArray(), rule.LegalBasis, rule.Active,
            r.Version, now = clock.GetUtcNow(),
        };
        var row = r.Id is null
            ? await cn.QuerySingleAsync<(Guid, string, string[], string[], string, bool, int)>(new CommandDefinition("""
                INSERT INTO fair_competition_rules (id, name, kinds, keywords, legal_basis, active, version, created_at, updated_at)
                VALUES (@id, @Name, @kinds, @keywords, @LegalBasis, @Active, 1, @now, @now)
                RETURNING id, name, kinds, keywords, legal_basis, active, version
                """, args, db.Transaction, cancellationToken: ct))
            : await cn.QuerySingleOrDefaultAsync<(Guid, string, string[], string[], string, bool, int)?>(new CommandDefinition("""
                UPDATE fair_competition_rules SET name = @Name, kinds = @kinds, keywords = @keywords, legal_basis = @LegalBasis, active = @Active,
                       version = version + 1, updated_at = @now
                WHERE id = @id AND version = @Version
                RETURNING id, name, kinds, keywords, legal_basis, active, version
                """, args, db.Transaction, cancellationToken: ct)) ?? await MissingOrChangedAsync(cn, id, ct);
        return FairReviewRows.Rule(row);
    }

    private async Task<(Guid, string, string[], string[], string, bool, int)> MissingOrChangedAsync(Npgsql.NpgsqlConnection cn, Guid id, CancellationToken ct) =>
        await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM fair_competition_rules WHERE id = @id)", new { id }, db.Transaction,
            cancellationToken: ct))
            ? throw new Errors.ConcurrencyConflictException("fair-competition-rule", id)
            : throw new Errors.NotFoundException("fair-competition-rule", id);
}
