using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Agreements.RecordAgreement;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Crm.Projects.ChangeProjectStage;
using BizEnv.Invest.Application.Tests.Crm;
using BizEnv.Invest.Domain.Agreements;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Tests.Agreements;

internal static class AgreementBuilders
{
    public static ObligationInput Obligation(ObligationKind kind, decimal? target, string? unit, DateOnly due, string what = "说明") =>
        new(kind, what, target, unit, due, 30, Remedy.RecoverSubsidy, null);

    public static RecordAgreement Agreement(Guid projectId, params ObligationInput[] obligations) => new(
        projectId, null, $"HC-TZ-{Guid.NewGuid():N}"[..18], "年产10GWh储能电池项目投资协议", "海川经开区管委会 李主任", "恒锐储能 王总", new DateOnly(2026, 3, 1), 30,
        obligations);

    public static async Task<(ProjectSummary Project, AgreementSaved Saved)> NewAgreement(this AppFixture app, Actor officer, params ObligationInput[] obligations)
    {
        var project = await app.NewProject(officer, (await app.NewInvestor(officer)).Id);
        return (project, await app.Send(Agreement(project.Id, obligations), officer));
    }

    /// <summary>Steps the project through the stage machine up to <paramref name="to"/>, the last step on <paramref name="on"/>.</summary>
    public static async Task<ProjectSummary> MoveTo(this AppFixture app, Actor officer, ProjectSummary project, ProjectStage to, DateOnly on)
    {
        var current = project;
        while (current.Stage != to)
        {
            var next = ProjectStages.Next(current.Stage)!.Value;
            current = (await app.Send(new ChangeProjectStage(current.Id, next, next == to ? on : current.StageDate, null, null, current.Version), officer)).Project;
        }
        return current;
    }
}
