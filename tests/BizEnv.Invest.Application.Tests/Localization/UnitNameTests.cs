using BizEnv.Invest.Application.Users.GetUser;

namespace BizEnv.Invest.Application.Tests.Localization;

/// <summary>A unit's name is read in the reader's language wherever a query shows it (one SQL function, migration 0015).</summary>
public sealed class UnitNameTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_english_reader_sees_the_english_unit_name_and_a_chinese_reader_after_them_the_chinese_one()
    {
        var admin = await app.As("admin");
        var officer = await app.As("officer");
        var names = await Readers.InEach(() => app.Send(new GetUser(officer.UserId!.Value), admin), u => u.UnitName);
        names.ShouldBe(("招商一处", "Promotion Division 1"));
        // A connection an English reader used is not left reading English for the next one.
        (await Readers.InEach(() => app.Send(new GetUser(officer.UserId!.Value), admin), u => u.UnitName)).Zh.ShouldBe("招商一处");
        // The signed-in user's own unit (the top bar): carried in both languages, the reader may switch without signing in again.
        (await Readers.InEach(() => app.Send(new Application.Auth.GetSessionUser.GetSessionUser(), officer), u => u.UnitName)).ShouldBe(("招商一处", "Promotion Division 1"));
    }
}
