using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.ResolveProjectIssue;

[AllowRoles(Role.PromotionOfficer)]
public sealed record ResolveProjectIssue(Guid ProjectId, Guid IssueId, string Resolution) : ICommand<Done>;

public sealed class ResolveProjectIssueValidator : AbstractValidator<ResolveProjectIssue>
{
    public ResolveProjectIssueValidator() =>
        RuleFor(x => x.Resolution).NotEmpty().WithText("issue.resolution_required").MaximumLength(2000).WithText("field.too_long", 2000);
}

public sealed class ResolveProjectIssueHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<ResolveProjectIssue, Done>
{
    public async Task<Done> Handle(ResolveProjectIssue r, CancellationToken ct)
    {
        audit.Target("project", r.ProjectId, $"issue {r.IssueId} resolved");
        var cn = await db.ConnectionAsync(ct);
        await ProjectLoad.ForWrite(cn, db.Transaction, actor.Actor, r.ProjectId, ct);
        var status = await cn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT status FROM project_issues WHERE id = @IssueId AND project_id = @ProjectId FOR UPDATE", new { r.IssueId, r.ProjectId }, db.Transaction, cancellationToken: ct))
            ?? throw new NotFoundException("issue", r.IssueId);
        if (status == "Resolved")
            throw new DomainException("issue.already_resolved");
        var now = clock.GetUtcNow();
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE project_issues SET status = 'Resolved', resolution = @res, resolved_at = @now, version = version + 1 WHERE id = @IssueId;
            UPDATE projects SET updated_at = @now, version = version + 1 WHERE id = @ProjectId;
            """, new { r.IssueId, r.ProjectId, res = r.Resolution.Trim(), now }, db.Transaction, cancellationToken: ct));
        return Done.Value;
    }
}
