namespace BizEnv.Invest.Domain.Identity;

/// <summary>
/// At least 10 characters, at least three of the four character classes (lower, upper, digit,
/// symbol), and not the user name. Returns every broken rule so the form can list them at once.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 10;
    public const int RequiredClasses = 3;

    public static IReadOnlyList<string> Check(string? password, string? userName)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add("password.required");
            return problems;
        }
        if (password.Length < MinimumLength)
            problems.Add("password.too_short");
        if (CountClasses(password) < RequiredClasses)
            problems.Add("password.too_simple");
        if (!string.IsNullOrWhiteSpace(userName) &&
            string.Equals(password.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase))
            problems.Add("password.equals_user_name");
        return problems;
    }

    private static int CountClasses(string password)
    {
        bool lower = false, upper = false, digit = false, symbol = false;
        foreach (var c in password)
        {
            if (char.IsLower(c)) lower = true;
            else if (char.IsUpper(c)) upper = true;
            else if (char.IsDigit(c)) digit = true;
            else symbol = true;
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }
}
