using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using FluentValidation;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.AttachProjectFile;

/// <summary>
/// Evidence for a project or one of its stage changes (contract scan, site photo…), stored in
/// PostgreSQL so one backup holds everything. At most 10 MB; photos, PDF and Office documents only.
/// </summary>
[AllowRoles(Role.PromotionOfficer)]
public sealed record AttachProjectFile(Guid ProjectId, Guid? StageChangeId, string FileName, string ContentType, byte[] Content) : ICommand<ProjectFileDto>;

public sealed class AttachProjectFileValidator : AbstractValidator<AttachProjectFile>
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/png", "image/webp", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public AttachProjectFileValidator()
    {
        RuleFor(x => x.FileName).NotEmpty().WithText("file.name_required").MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.ContentType).Must(AllowedTypes.Contains).WithText("file.type_not_allowed");
        RuleFor(x => x.Content).NotNull().Must(c => c.Length > 0).WithText("file.empty")
            .Must(c => c.Length <= MaxBytes).WithText("file.too_large", MaxBytes / 1024 / 1024);
    }
}

public sealed class AttachProjectFileHandler(IDbSession db, ActorContext actor, IAuditTrail audit, TimeProvider clock) : IRequestHandler<AttachProjectFile, ProjectFileDto>
{
    public async Task<ProjectFileDto> Handle(AttachProjectFile r, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        audit.Target("project", r.ProjectId, $"file {r.FileName}");
        var cn = await db.ConnectionAsync(ct);
        await ProjectLoad.ForWrite(cn, db.Transaction, actor.Actor, r.ProjectId, ct);
        if (r.StageChangeId is { } change && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM project_stage_changes WHERE id = @change AND project_id = @ProjectId)",
                new { change, r.ProjectId }, db.Transaction, cancellationToken: ct)))
            throw ValidationText.FieldError(nameof(r.StageChangeId), "file.stage_change_unknown");
        var now = clock.GetUtcNow();
        var name = Path.GetFileName(r.FileName.Trim());
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO project_files (id, project_id, stage_change_id, file_name, content_type, size_bytes, content, uploaded_by, uploaded_at)
            VALUES (@id, @ProjectId, @StageChangeId, @name, @type, @size, @Content, @by, @now)
            """, new { id, r.ProjectId, r.StageChangeId, name, type = r.ContentType.ToLowerInvariant(), size = r.Content.Length, r.Content, by = actor.Actor.UserId, now },
            db.Transaction, cancellationToken: ct));
        return new ProjectFileDto(id, r.StageChangeId, name, r.ContentType.ToLowerInvariant(), r.Content.Length, now);
    }
}
