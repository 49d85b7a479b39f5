using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.AddProjectIssue;

/// <summary>An item on a key project's issue list 问题清单 ("five ones"), with an owner and a due date.</summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AddProjectIssue(Guid ProjectId, string Description, Guid OwnerId, DateOnly DueDate) : ICommand<Guid>;

public sealed class AddProjectIssueValidator : AbstractValidator<AddProjectIssue>
{
    public AddProjectIssueValidator()
    {
        RuleFor(x => x.Description).NotEmpty().WithText("issue.description_required").MaximumLength(1000).WithText("field.too_long", 1000);
        RuleFor(x => x.OwnerId).NotEmpty().WithText("issue.owner_required");
    }
}

public sealed class AddProjectIssueHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<AddProjectIssue, Guid>
{
    public async Task<Guid> Handle(AddProjectIssue r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("project", r.ProjectId, $"issue {id}");
        var cn = await db.ConnectionAsync(ct);
        await ProjectLoad.ForWrite(cn, db.Transaction, actor.Actor, r.ProjectId, ct);
        if (!await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM users WHERE id = @OwnerId AND NOT is_disabled)",
                new { r.OwnerId }, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.OwnerId), "issue.owner_unknown");
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_issues (id, project_id, description, owner_id, due_date, created_by, created_at) VALUES (@id, @ProjectId, @d, @OwnerId, @DueDate, @by, @now);
            UPDATE projects SET updated_at = @now, version = version + 1 WHERE id = @ProjectId;
            """, new { id, r.ProjectId, d = r.Description.Trim(), r.OwnerId, r.DueDate, by = actor.Actor.UserId, now = clock.GetUtcNow() }, db.Transaction, cancellationToken: ct));
        return id;
    }
}
