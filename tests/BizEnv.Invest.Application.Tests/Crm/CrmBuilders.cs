using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Crm.Investors;
using BizEnv.Invest.Application.Crm.Investors.SaveInvestor;
using BizEnv.Invest.Application.Crm.Projects;
using BizEnv.Invest.Application.Crm.Projects.CreateProject;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Application.Tests.Crm;

/// <summary>Small builders so each test states only what matters to it.</summary>
internal static class CrmBuilders
{
    private static int _counter;

    /// <summary>A fresh, valid credit code (fictional division code 370999).</summary>
    public static string NewCreditCode()
    {
        var n = Interlocked.Increment(ref _counter) + Random.Shared.Next(1, 9_000_000);
        var body = $"91370999MA{n:D7}";
        return body + CreditCode.CheckCharacter(body);
    }

    public static SaveInvestor Investor(string? name = null, string? code = null) => new(
        null, name ?? $"测试企业{Guid.NewGuid():N}"[..12] + "有限公司", code ?? NewCreditCode(), Ownership.Private, "江苏", "C3841",
        false, false, null, [new ContactDto("王经理", "投资总监", "13800000000", null)], []);

    public static async Task<InvestorSummary> NewInvestor(this AppFixture app, Actor officer, string? name = null) =>
        await app.Send(Investor(name), officer);

    public static async Task<ProjectSummary> NewProject(this AppFixture app, Actor officer, Guid investorId, KeyProjectLevel level = KeyProjectLevel.None) =>
        await app.Send(new CreateProject(investorId, "锂电池生产基地", 500_000_000m, 100_000_000m, 800, level, new DateOnly(2026, 11, 2)), officer);
}
