using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Crm;

/// <summary>
/// The unified social credit code 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character
/// alphabet (digits and capitals without I, O, S, V, Z); the 18th is a check character computed from
/// the first 17 with weights 3^(i-1) mod 31. A refusal says exactly what is wrong.
/// </summary>
public static class CreditCode
{
    public const int Length = 18;
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper-cased, without surrounding or inner spaces (people paste codes with spaces).</summary>
    /// <summary>
    /// The code as it is checked and stored: full-width characters typed with a Chinese input method
    /// (９１３２…, ＡＢ) read as their ASCII forms (NFKC), spaces dropped, letters upper case.
    /// </summary>
    public static string Normalize(string? code) =>
        string.Concat((code ?? "").Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <summary>Null when the code is valid; otherwise the refusal with its reason.</summary>
    public static DomainException? Check(string? raw)
    {
        var code = Normalize(raw);
        if (code.Length != Length)
            return new DomainException("credit_code.length", code.Length);
        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0)
                return new DomainException("credit_code.invalid_char", i + 1, code[i]);
        }
        var expected = CheckCharacter(code);
        return code[17] == expected ? null : new DomainException("credit_code.check_char", expected, code[17]);
    }

    public static bool IsValid(string? code) => Check(code) is null;

    /// <summary>The check character for the first 17 characters of <paramref name="code"/>.</summary>
    public static char CheckCharacter(string code)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += Alphabet.IndexOf(code[i]) * Weights[i];
        var value = 31 - sum % 31;
        return Alphabet[value == 31 ? 0 : value];
    }
}
