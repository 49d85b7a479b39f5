using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.GetProject;

/// <summary>A project with its stage history, evidence, investment in place and key-project fields.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record GetProject(Guid Id) : IQuery<ProjectDetail>;

public sealed class GetProjectHandler(IDbSession db, ActorContext actor) : IRequestHandler<GetProject, ProjectDetail>
{
    public async Task<ProjectDetail> Handle(GetProject r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var row = await ProjectLoad.ForRead(cn, actor.Actor, r.Id, ct);
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition("""
            SELECT p.terminated_reason, p.responsible_leader, l.display_name, p.working_team, p.construction_plan
              FROM projects p LEFT JOIN users l ON l.id = p.responsible_leader WHERE p.id = @Id;
            SELECT c.id AS Id, c.from_stage AS FromStage, c.to_stage AS ToStage, c.stage_date AS StageDate, c.note AS Note,
                   c.review_status AS ReviewStatus, u.display_name AS By, c.created_at AS At, rv.display_name AS ReviewedBy, c.review_opinion AS ReviewOpinion
              FROM project_stage_changes c JOIN users u ON u.id = c.created_by LEFT JOIN users rv ON rv.id = c.reviewed_by WHERE c.project_id = @Id
              -- changes recorded in one instant (imports, tests) still read in stage order
              ORDER BY c.created_at, array_position(ARRAY['Lead','Negotiating','Signed','Registered','Started','InProduction','Terminated'], c.to_stage);
            SELECT id AS Id, stage_change_id AS StageChangeId, file_name AS FileName, content_type AS ContentType, size_bytes AS SizeBytes, uploaded_at AS UploadedAt
              FROM project_files WHERE project_id = @Id ORDER BY uploaded_at;
            SELECT id AS Id, on_date AS OnDate, amount AS Amount, note AS Note FROM project_investments WHERE project_id = @Id ORDER BY on_date, created_at;
            SELECT pi.id AS Id, pi.description AS Description, pi.owner_id AS OwnerId, u.display_name AS Owner, pi.due_date AS DueDate, pi.status AS Status,
                   pi.resolution AS Resolution
              FROM project_issues pi JOIN users u ON u.id = pi.owner_id WHERE pi.project_id = @Id ORDER BY pi.status, pi.due_date;
            """, new { r.Id }, cancellationToken: ct));
        var head = await grid.ReadSingleAsync<(string? Terminated, Guid? LeaderId, string? Leader, string? Team, string? Plan)>();
        var stages = (await grid.ReadAsync<(Guid Id, string FromStage, string ToStage, DateOnly StageDate, string? Note, string ReviewStatus, string By, DateTimeOffset At, string? ReviewedBy, string? ReviewOpinion)>())
            .Select(s => new StageChangeDto(s.Id, Enum.Parse<ProjectStage>(s.FromStage), Enum.Parse<ProjectStage>(s.ToStage), s.StageDate, s.Note, s.ReviewStatus, s.By, s.At)
            {
                ReviewedBy = s.ReviewedBy,
                ReviewOpinion = s.ReviewOpinion,
            })
            .ToList();
        var files = (await grid.ReadAsync<ProjectFileDto>()).ToList();
        var investments = (await grid.ReadAsync<InvestmentDto>()).ToList();
        var issues = (await grid.ReadAsync<ProjectIssueDto>()).ToList();
        var summary = row.ToDto();
        return new ProjectDetail(summary, head.Terminated, head.LeaderId, head.Leader, head.Team, head.Plan, stages, files, investments,
            CrmAccess.MayWrite(actor.Actor, row.UnitId), ProjectStages.Next(summary.Stage))
        {
            Issues = issues,
            CanReview = actor.Actor.Roles.Contains(Domain.Identity.Role.Leader) && stages.Any(s => s.ReviewStatus == "Pending"),
        };
    }
}
