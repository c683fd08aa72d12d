build-failed = 构建失败：{ $errors } 个错误；上一次的输出保持原样，没有改动

## 命令行帮助（--help）：help-<命令>[-<参数>]；help-any-* 各命令通用。

help-profilegen = 为地区产业概况生成中英双语静态网站
help-any-root = 项目文件夹（config.toml 所在的文件夹；默认是当前文件夹）
help-any-messages = profilegen 提示信息的语言：zh（简体中文）或 en（English）。默认看环境变量 PROFILEGEN_MESSAGES，其次看系统语言（LANG 等），都没有时用英文
help-any-help = 显示帮助
help-any-version = 显示版本号
help-build = 生成网站，写入输出文件夹（默认是 public/）
help-build-base_url = 本次生成临时改用这个网址作为 `base_url`，例如 http://127.0.0.1:8000/
help-build-output_dir = 把网站写到这个文件夹，而不是 `output_dir` 指定的位置
help-build-drafts = 把标了 `draft = true` 的草稿页也生成出来
help-build-force = 输出文件夹不是 profilegen 生成的也照样替换（原有内容会被删除）
help-build-no_compress = 不为文本文件生成 `.gz` 和 `.br` 压缩副本
help-build-portable = 生成可离线浏览的副本：放在文件夹、压缩包或 U 盘里直接打开（file://），放在任何路径下都能用；链接改为相对路径，文件夹链接都以 index.html 结尾，搜索页换成各栏目列表
help-check = 在临时文件夹里生成一遍网站，报告失效链接、缺少的译文等问题
help-check-external = 同时逐个访问外部（http/https）链接
help-check-timeout = 每个外部链接最多等待的秒数（默认 10 秒）
help-check-deny_warnings = 有警告也算检查不通过（退出码 1）
help-check-drafts = 把标了 `draft = true` 的草稿页也检查在内
help-new = 在 DIR 新建一个网站（配置、中英文示例内容和默认主题）
help-new-dir = 要新建的文件夹（必须不存在或是空的）
help-redirects = 列出已改名页面的跳转规则（`aliases`），加 --nginx 时输出 nginx 配置
help-redirects-nginx = 输出 nginx 的 `location` 配置行（默认输出 Netlify 和 Cloudflare Pages 使用的 `_redirects` 格式，生成网站时也会写入输出文件夹）
help-serve = 在 http://127.0.0.1:1111/ 预览网站，每次保存文件后自动重新生成
help-serve-interface = 监听的地址（默认 127.0.0.1，只有本机能访问）
help-serve-port = 端口（默认 1111；填 0 则自动选一个空闲端口）
help-serve-allow_remote = 允许监听本机回环以外的地址（同一网络里的任何人都能看到网站）
help-serve-drafts = 预览时包括标了 `draft = true` 的草稿页

cli-usage-line = 用法：{ $usage }
cli-heading-options = 选项
cli-heading-arguments = 参数
cli-heading-commands = 命令
cli-command-placeholder = 命令
cli-bad-messages = 错误：`--messages { $value }`：profilegen 的提示信息只有 `zh`（简体中文）和 `en`（English）两种
cli-usage-error = 错误：{ $problem }

    查看可用的选项：profilegen --help
cli-unknown-argument = 没有 `{ $argument }` 这个选项
cli-unknown-command = 没有 `{ $command }` 这个命令；可用的命令有 build、check、new、redirects、serve
cli-invalid-value = `{ $value }` 不是 `{ $argument }` 可以接受的值
cli-missing-argument = 缺少必填的 `{ $argument }`

## 终端里的汇总信息。

build-language-summary = { $lang }：{ $pages } 个页面，{ $sections } 个栏目
build-images-summary = 图片：处理了 { $processed } 张，沿用缓存 { $reused } 张
build-done = 静态文件 { $files } 个；网站已写入 { $dir }，用时 { $ms } 毫秒
check-unreadable = 检查失败：无法读取网站
new-created = 已创建 { $dir }（共 { $files } 个文件）
new-next = 下一步：cd { $dir } && profilegen serve   （然后修改 config.toml 和 content/ 里的内容；编辑指南见 { $guide }）
serve-remote-refused = 没有加 --allow-remote，不能在 { $interface } 上预览
serve-remote-refused-hint = 这样一来，能连到这台电脑的人都能看到尚未发布的网站。请改用 --interface 127.0.0.1；如果确实要对外开放，再加上 --allow-remote
serve-remote-warning = 正在 { $interface } 上预览：能连到这台电脑 { $port } 端口的人都能看到网站
serve-serving = 预览地址 { $url }（按 Ctrl-C 停止）
serve-rebuild-failed = 重新生成失败；预览的仍是上一次成功生成的网站
serve-rebuilt = { $kind ->
    [full] 已生成
   *[incremental] 已更新
}：渲染 { $rendered } 个页面，处理 { $markdown } 个 Markdown 文件，复制 { $copied } 个，删除 { $removed } 个，用时 { $ms } 毫秒

## 问题报告。

diag-level-error = 错误
diag-level-warning = 警告
diag-level-help = 提示
diag-more-like-it = （同类问题另有 { $more } 处）
diag-not-shown = …… 另有 { $hidden } 个{ $kind ->
    [warning] 警告
   *[error] 错误
}没有列出（上面是前 { $shown } 个）
hint-did-you-mean = 是不是想写 `{ $name }`？

## TOML（页面开头的元数据、config.toml、统计数据文件）。

toml-unknown-field = 不认识的键 `{ $field }`；这里可以用的键有：{ $allowed }
toml-unknown-variant = 不认识的取值 `{ $value }`；可以用的取值有：{ $allowed }
toml-missing-field = 缺少键 `{ $field }`
toml-invalid-type = 值的类型不对：这里应该写{ $expected_kind ->
    [integer] 整数
    [float] 数字
    [boolean] true 或 false
    [string] 文本
    [date] 日期
    [table] 表
    [list] 列表
   *[other] { $expected }
}，实际写的是{ $found_kind ->
    [integer] 整数
    [float] 小数
    [boolean] 布尔值
    [string] 文本
    [date] 日期
    [table] 表
    [list] 列表
   *[other] { $found }
}
toml-duplicate-key = 键重复了
toml-other = TOML 格式有误：{ $detail }
toml-hint-full-width = `{ $character }` 是中文输入法打出的全角字符；TOML 里的引号和等号要用英文半角的 `"` 和 `=`
toml-hint-allowed-keys = 可以用的键：{ $keys }
toml-hint-too-deep = TOML 的数组、表和带点的键最多只能嵌套 { $depth } 层；请把数据改得扁平一些
toml-hint-close-string = 在同一行里用 `"` 把文本括起来
toml-hint-type = 这个键的值应该是{ $kind ->
    [integer] 不带引号的整数，例如 `weight = 1`
    [float] 不带引号的数字，例如 `1.5`
    [boolean] 不带引号的 `true` 或 `false`
    [string] 用英文双引号括起来的文本，例如 `title = "…"`
    [date] 不带引号的日期，例如 `date = 2026-11-25`
    [table] 一个表：先写一行 `[名称]`，下面再写 `键 = 值`
   *[list] 方括号里的列表，例如 `["a", "b"]`
}

## Front matter.

front-matter-missing = 缺少页面开头的元数据：文件第一行必须是 `+++`
front-matter-missing-hint = 文件开头这样写：{"\u000A"}+++{"\u000A"}title = "…"{"\u000A"}+++{"\u000A"}下面再写 Markdown 正文
front-matter-unclosed = 页面开头的元数据没有结束：缺少第二行 `+++`
front-matter-unclosed-hint = 在元数据最后一个键的下一行加上一行 `+++`
front-matter-time-not-date = `{ $value }` 是一天中的时刻，不是日期
front-matter-time-not-date-hint = 请写日期，例如 2024-05-01（后面可以接时刻：2024-05-01T08:30:00）

## config.toml.

config-base-url-hint = 请这样写：`base_url = "https://example.org/renze/"`
config-base-url-scheme = base_url 必须以 https:// 或 http:// 开头
config-base-url-host = base_url 里没有有效的主机名
config-base-url-path = base_url 的路径里不能有 `..`、`.`、`?`、`#` 或 `\`
config-stats-path = `stats` 路径无效：{ $problem }
config-stats-path-hint = 请写项目里的路径，例如 "content/stats.toml"
config-language-code = 语言代码 `{ $code }` 不是小写英文字母组成的代码
config-language-code-hint = 请用 `en` 这样的代码
config-figures-unknown = 数字格式里没有名为 `{ $name }` 的规则
config-figures-unknown-hint = 请写 figures = "zh"（万、亿）或 figures = "en"（million、billion）
config-variant-without-source = `variant` 只用于转换生成的语言，而 `{ $code }` 没有 `convert_from`
config-variant-without-source-hint = 请加上 `convert_from = "zh"`，或者删掉 `variant`
config-variant-missing = 转换生成的语言 `{ $code }` 需要写 `variant`
config-variant-missing-hint = 请加上 `variant = "tw"`（台湾）或 `"hk"`（香港），可选：{ $names }
config-variant-unknown = `{ $value }` 不是繁体中文的地区变体
config-variant-unknown-hint = 请写 { $names }
config-convert-from-unknown = `convert_from` 写的是 `{ $code }`，但它不是本站的另一种语言
config-convert-from-unknown-hint = 本站的语言：{ $codes }
config-convert-from-converted = `{ $code }` 本身也是转换出来的；请从编辑直接撰写的语言转换
config-string-missing = 界面文字 `{ $key }` 在 `{ $defined }` 里有，在 `{ $missing }` 里没有
config-string-missing-hint = 请在 { $table } 下面加上 `{ $key } = "…"`

## Paths written in files.

path-absolute = `{ $path }` 是绝对路径
path-parent = `{ $path }` 用 `..` 跑出了项目文件夹
path-percent-encoded = `{ $path }` 里有经过百分号编码的点或斜杠
path-nul = `{ $path }` 里有 NUL 字符
path-drive-letter = `{ $path }` 以 Windows 盘符开头
path-dot-dot = `{ $path }` 里有 `..`

## Files: encodings, links, reading and writing.

file-utf16 = 文件是 { $encoding } 编码（开头有 UTF-16 字节顺序标记），不是 UTF-8
file-utf16-hint = 请把文件存成 UTF-8 编码（记事本：另存为 → 编码：UTF-8）
file-not-utf8 = 文件在第 { $line } 行第 { $column } 列不是 UTF-8 编码{ $gbk ->
    [yes] （看起来像 GBK）
   *[no] {""}
}
file-not-utf8-hint = 请存成 UTF-8：在编辑器里选“文件 → 另存为 → 编码：UTF-8”（不要选 GBK、GB2312 或 ANSI）
io-error = 无法{ $action ->
    [read] 读取
    [publish] 发布到
    [write] 写入
    [create] 创建
    [move-aside] 挪开
    [read-time] 读取修改时间：
    [copy] 复制
    [compress] 压缩
    [open] 打开
    [remove] 删除
    [create-folder-for] 为它创建文件夹：
    [clear] 清空
    [set-time] 设置修改时间：
   *[create-folder-in] 在其中创建文件夹：
} `{ $path }`：{ $reason ->
    [permission] 没有权限
    [not-found] 文件或文件夹不存在
    [exists] 已经存在
    [full] 磁盘已满
    [read-only] 磁盘是只读的
   *[other] { $detail }
}
io-error-hint = { $reason ->
    [permission] 请检查文件的权限
    [not-found] 请检查路径是否正确
   *[other] 请检查文件和磁盘
}
symlink-loop = `{ $path }` 是循环的符号链接
symlink-dangling = `{ $path }` 是指向不存在文件的符号链接
symlink-fix-hint = 请删掉这个链接，或者让它指向项目里的文件
symlink-outside = `{ $path }` 是指向 `{ $target }` 的符号链接，目标在项目之外
symlink-outside-hint = 请把文件复制到项目里，不要用链接；profilegen 从不发布项目以外的文件
symlink-folder = `{ $path }` 是指向文件夹的符号链接
symlink-folder-hint = profilegen 不跟随指向文件夹的链接；请把文件夹移到这里
not-regular-file = `{ $path }` 是{ $kind ->
    [folder] 文件夹
    [fifo] 命名管道（FIFO）
    [socket] 套接字
    [device] 设备文件
   *[special] 特殊文件
}，不是普通文件
not-regular-file-hint = 请把它移出项目；profilegen 只读取和发布普通文件
walk-failed = 无法遍历 `{ $path }`

## Content: file names, URLs, sections, translations.

url-bad-part = `{ $part }` 不能用在网址里
url-bad-part-hint-ascii = 文件名和文件夹名只能用英文字母、数字、`-` 和 `_`（语言后缀写成 `.en.md`）
url-bad-part-hint-chinese = 文件名请用英文或拼音，例如 `tongda-bonding-wire.md`；中文标题写在元数据的 `title` 里
slug-on-section = `slug` 只用于页面；栏目的网址由文件夹名决定
slug-on-section-hint = 请改文件夹的名字
paginate-on-page = `paginate_by` 只用于栏目：单个页面没有列表可分页
paginate-on-page-hint = 请把它移到栏目的 _index.md 的元数据里
paginate-zero = `paginate_by = { $value }` 一页也列不出来
paginate-zero-hint = 请写每个列表页显示几篇，例如 paginate_by = 10；删掉这个键则所有页面列在同一页
alias-invalid = 别名 `{ $alias }` 不可用：{ $why }
alias-invalid-hint = 请写旧网址在本站地址之后的路径，以 / 开头：aliases = ["/tech/old-name/"]
alias-leaves-site = 指向了站外；别名是本站的路径，不是完整网址
alias-no-slash = 没有以 / 开头
alias-bad-characters = 含有 `?`、`#`、反斜杠或控制字符
alias-home = 是首页
alias-escapes = 用 `.` 或 `..` 跑出了网站
alias-hidden = 指向隐藏文件
slug-not-segment = `{ $slug }` 不是单独一段网址
slug-invalid = `slug` 无效：{ $why }
slug-invalid-hint = slug 是一段由英文字母、数字、`-` 或 `_` 组成的网址，例如 `slug = "bonding-wire"`
page-too-large = `{ $path }` 有 { $size } MiB；一个页面最大 { $limit } MiB
page-too-large-hint = 请把它拆成同一栏目下的几个页面
page-without-section = `{ $path }` 所在的文件夹没有栏目页
page-without-section-hint = 请新建 content/{ $folder }{ $index }，写上标题
duplicate-url = `{ $first }` 和 `{ $second }` 的网址都是 `/{ $url }`
duplicate-url-hint = 请给其中一个文件改名，或者给它另写一个 `slug`
missing-twin = `{ $path }` 没有 `{ $lang }` 版本
missing-twin-hint = 请添加对应的 `{ $twin }`；在此之前，这个页面的语言切换按钮会转到 `{ $lang }` 首页

## The statistics file (content/stats.toml): records.

stats-who-id = { $kind ->
    [stat] 统计项
    [group] 分组
    [unit] 单位
   *[other] { $kind }
} `{ $id }`
stats-who-record = 这条 [[{ $kind }]] 记录
stats-series-hint = series 按年份逐一给出数值：series = { "{" } 2022 = 8300000000, 2023 = 10000000000 { "}" }；某一年也可以写成表：2023 = { "{" } value = 10000000000, qualifier = "exceeds" { "}" }
stats-series-and-single = { $who } 同时写了 `series` 和 `{ $key }`
stats-series-and-single-hint = 请删掉 `{ $key }`。{ $series_hint }
stats-series-empty = { $who } 的 `series` 是空的
stats-series-year = { $who } 的 `series` 里的 `{ $key }` 不是四位数的年份
stats-series-year-hint = series 里的每个键都是年份：series = { "{" } 2022 = …, 2023 = … { "}" }
stats-missing-field = { $who } 缺少 `{ $field }`
stats-id-missing-hint = 请给这条 [[{ $kind }]] 加上唯一的 id = "…"（小写字母、数字和 _）
stats-id-invalid = { $kind ->
    [stat] 统计项
    [group] 分组
    [unit] 单位
   *[other] { $kind }
}的 id `{ $id }` 只能包含 a-z、0-9 和 _
stats-id-hint-example = 请用小写英文字母、数字和下划线，例如 id = "rd_deduction_amount"
stats-id-hint-fixed = 请写 id = "{ $fixed }"
stats-value-missing-hint = 请加上 value = …（用基本单位写的数字，例如 6575.9万元 写成 value = 65759000）
stats-value-not-finite = `value` 必须是有限的数字
stats-value-base-units-hint = 请用基本单位写数字，例如 value = 430
stats-value-text = `value` 必须是数字，不能是文本
stats-value-bool = `value` 必须是数字，不能是 true 或 false
stats-value-text-hint = 请写不带引号、用基本单位的数字：value = { $base }
stats-value-text-hint-example = 请写不带引号、用基本单位的数字，例如 value = 430
stats-unit-missing-hint = 请加上 unit = "…"，可选：{ $units }；也可以用 [[unit]] 记录定义新单位
stats-unit-unknown = 不认识的单位 `{ $unit }`
stats-unit-unknown-hint = { $choices }；也可以用 [[unit]] 记录定义新单位（id、zh、en、scale）
stats-qualifier-unknown = 不认识的精确程度 `{ $qualifier }`
stats-choices = { $close ->
    [none] {""}
   *[other] 是不是想写 `{ $close }`？
}可用的{ $what ->
    [units] 单位
   *[qualifiers] 精确程度
}：{ $list }
stats-when-hint = 某一年的数字写 `year = 2023`；截至某年的存量数字写 `as_of = 2024`；不随时间变化的规格写 `timeless = true`
stats-timeless-and-year = { $who } 写了 `timeless`，又写了年份；只能二选一
stats-timeless-false = { $who } 写了 `timeless = false`
stats-timeless-false-hint = 请删掉这个键，改写 `year` 或 `as_of`；或者写 `timeless = true`
stats-no-year = { $who } 既没有 `year` 也没有 `as_of`
stats-year-and-as-of = { $who } 同时写了 `year` 和 `as_of`；只能写一个
stats-not-a-year = `{ $year }` 不是四位数的年份
stats-text-missing-hint = 请加上 { $field } = { $example }
stats-text-language-missing = { $who } 的 `{ $field }` 缺少 { $lang } 文本
stats-text-language-missing-hint = 网站的每种语言都要写：{ $field } = { $example }
stats-text-unknown-language = `{ $field }` 里有 `{ $code }` 的文本，但网站没有这种语言
stats-text-unknown-language-hint = { $close ->
    [none] 网站的语言：{ $list }；请删掉这一项
   *[other] 是不是想写 `{ $close }`？网站的语言：{ $list }
}
stats-text-empty = `{ $field }.{ $code }` 是空的
stats-text-empty-hint = 请写上 { $code } 文本，或者删掉这条记录
stats-members-missing-hint = 请加上 stats = ["first_id", "second_id"]
stats-members-empty = { $who } 没有列出任何统计项
stats-members-empty-hint = 请至少写一个统计项的 id
stats-member-twice = { $who } 把 `{ $name }` 列了两次
stats-member-twice-hint = 每个统计项只列一次
stats-member-unknown = { $who } 里的统计项 id `{ $name }` 不存在
stats-member-unknown-hint = 请写本文件里某条 [[stat]] 记录的 id

## Statistics: changes between years, charts.

change-too-few-years = 统计项 `{ $id }` 没有两个年份可以比较
change-timeless-hint = 不随时间变化的数字没有增减；stat_change 要用于有逐年数据（series）的统计项
change-one-year-hint = 它只有 { $listed } 年的数据；请改成逐年数据：series = { "{" } { $before } = …, { $listed } = … { "}" }
change-no-such-year = 统计项 `{ $id }` 没有 { $year } 年的数值
change-years-hint = `{ $id }` 有这些年份的数据：{ $listed }
change-no-year-before = 统计项 `{ $id }` 在 { $to } 年之前没有数据
change-no-year-before-hint = 它的年份是 { $listed }；请写明 from= 和 to=
change-from-after-to = `from`（{ $from }）必须早于 `to`（{ $to }）
change-lost-year = 统计项 `{ $id }` 丢失了一个年份（程序缺陷）
change-inexact = `{ $id }` 从 { $from } 年到 { $to } 年的增减，要用一个标为 `{ $qualifier }` 的数值（{ $year } 年）来算
change-inexact-hint = 用约数算出的增减，会显得比原始资料更精确；请改用 stat(id=…, year=…) 分别列出两年的数字
change-from-zero = 无法计算 `{ $id }` 从 { $from } 年起的增减：{ $from } 年的数值是 0
change-show-both-hint = 请改用 stat(id=…, year=…) 分别列出两年的数字
chart-mixed-kinds = 分组 `{ $group }` 里既有 { $first } 又有 { $other }，不能放在同一张图里比较
chart-mixed-kinds-hint = 请只为同一类数字的分组画图，或者用 stats_group() 显示成表格
chart-kind-unknown = 不认识的图表类型 `{ $kind }`
chart-kind-unknown-hint = 有逐年数据的分组可以画成 kind="columns"（柱状图，默认）或 kind="line"（折线图）

## The statistics file: reading it.

stats-language-rules = 统计数字无法按 `{ $code }` 语言的规则书写
stats-language-rules-hint = 数字有 `zh`（万、亿）和 `en`（million、billion）两套书写规则；请在 [languages.{ $code }] 里写明用哪一套：figures = "zh" 或 figures = "en"
stats-no-language = 没有为统计数据文件指定网站语言
stats-duplicate-key-hint = 一条记录里每个键只能出现一次，series 里每个年份也只能出现一次
stats-too-deep-hint = 文件嵌套太深（TOML 最多允许 { $depth } 层）；stats.toml 只需要 [[stat]] 和 [[group]] 记录
stats-syntax-hint = 请修正这里的 TOML 语法：文本要用英文双引号括起来，每条记录以 [[stat]] 或 [[group]] 开头
stats-invalid-toml = TOML 格式有误：{ $detail }
stats-not-records = `{ $key }` 必须是一组记录
stats-not-records-hint = 每条记录以 [[{ $key }]]（两层方括号）开头
stats-period-hint = 某一年的数字写 `year = 2023`，截至某年的存量数字写 `as_of = 2024`
stats-allowed-keys-hint = { $close ->
    [none] {""}
   *[other] 是不是想写 `{ $close }`？
}可以用的键：{ $list }
stats-unknown-key = { $place ->
    [top] 文件顶层
   *[other] [[{ $place }]] 记录里
}有不认识的键 `{ $key }`
stats-not-a-table = `{ $kind }` 的每一项都必须是表
stats-not-a-table-hint = 每条记录先写一行 [[{ $kind }]]，下面再写 键 = 值
stats-wrong-type-field = `{ $field }` 的值类型不对：{ $detail }
stats-wrong-type = 值的类型不对：{ $detail }
stats-wrong-type-hint = [表名] 这一行会把下面所有 键 = 值 都归到这个表里；请检查这一行属于哪个表
stats-field-hint = { $field ->
    [year] 年份请写不带引号的整数，例如 year = 2024 [as_of] 年份请写不带引号的整数，例如 as_of = 2024
    [value] 请写一个不带引号、用基本单位的数字，例如 value = 430
    [series] 请把年份和数值写成表：series = { "{" } 2022 = 8300000000, 2023 = { "{" } value = 10000000000, qualifier = "exceeds" { "}" } { "}" }
    [en] 请写符号，如 en = "km²"（只显示数字时写 ""），或名词，如 en = { "{" } one = "tonne", other = "tonnes" { "}" }
    [scale] 请写 scale = true（使用万/亿和 million/billion）或 scale = false
    [stats] 统计项 id 要加引号：stats = ["first_id", "second_id"]
    [text] 每种语言写一段文本：{ $name } = { $example }
   *[quoted] `{ $name }` 要写成带引号的文本，例如 { $name } = "…"
}
stats-duplicate-id = { $kind } 的 id `{ $id }` 重复了
stats-duplicate-id-hint = 第一个 `{ $id }` 在第 { $line } 行；每个 { $kind } 的 id 都必须唯一

## The statistics file: units.

unit-zh-missing-hint = 请加上 zh = "…"，即写在数字后面的字，例如 zh = "平方公里" 或 zh = "家"
unit-zh-empty = { $who } 的 `zh` 是空的
unit-zh-empty-hint = 请写中文里跟在数字后面的字：量词（如 家、个）或单位（如 平方公里）
unit-en-missing-hint = 请加上 en = "km²"（符号）、en = { "{" } one = "tonne", other = "tonnes" { "}" }（名词），只显示数字时写 en = ""
unit-en-empty-noun = { $who } 的 `en` 里有空的名词
unit-en-empty-noun-hint = 请写出单复数两种形式，例如 en = { "{" } one = "tonne", other = "tonnes" { "}" }
unit-currency = `{ $code }` 不是货币代码
unit-currency-hint = 请写英文版显示在数字前面的三个字母的 ISO 4217 货币代码，例如 currency = "USD" 或 "CNY"
unit-kind-empty = `kind` 是空的
unit-kind-empty-hint = 请写这个量的种类，例如 kind = "area"；同一种类的单位可以放在同一张图里
expecting-point = 数字，或者像 { "{" } value = 100, qualifier = "about" { "}" } 这样的表
expecting-en-unit = 像 "km²" 这样的符号，或者 { "{" } one = "…", other = "…" { "}" }
expecting-number = 用基本单位写的数字

## Links, images and shortcodes in pages and templates.

image-not-found-anywhere = 在 content/ 和 static/ 里都找不到图片 `{ $path }`
image-not-found-anywhere-hint = 请写 content/ 下的路径（`tech/photo.jpg`）或 static/ 下的路径（`img/hero.jpg`）
image-no-processing = 这里不能处理图片
image-read-failed = 无法读取 `{ $path }`：{ $detail }
image-unsupported = 图片 `{ $dest }` 是 { $kind } 文件，浏览器无法显示
image-unsupported-hint = 请把它导出为 JPEG（照片）或 PNG（图示），放在页面旁边，再在这里写那个文件名
image-not-found = 找不到图片 `{ $dest }`
image-did-you-mean-hint = 是不是想写 `{ $name }`？（查找的是 `{ $path }`）
image-not-found-hint = 查找的是 `{ $path }`：请把照片放在页面旁边，或者改正文件名
link-no-page = 没有页面 `{ $key }`
link-unknown-page = 链接指向不存在的页面 `@/{ $key }`
link-did-you-mean-hint = 是不是想写 `@/{ $key }`？
link-targets-hint = 链接目标是 content/ 下的路径，例如 `@/tech/_index.md`
asset-missing = 没有文件 `static/{ $path }`
language-unknown = 不认识的语言 `{ $lang }`
string-missing = 语言 `{ $lang }` 缺少界面文字 `{ $key }`
string-missing-hint = { $close ->
    [none] {""}
   *[other] 是不是想写 `{ $close }`？如果不是，请{" "}
}在 config.toml 的 { $table } 下面加上 `{ $key } = "…"`
stats-file-missing = 这个网站没有统计数据文件
stats-file-missing-hint = 请新建 content/stats.toml，或者在 config.toml 里设置 `stats = "…"`
shortcode-names-hint = 可用的短代码有 `stat`、`stat_change` 和 `chart`
shortcode-unknown = 不认识的短代码 `{ $name }`
shortcode-year-arg = `{ $key }` 必须是用数字写的年份
shortcode-year-arg-hint = 请写 { $key }=2023，不加引号
shortcode-missing-arg = 短代码 `{ $name }` 需要参数 `{ $arg }`
shortcode-missing-arg-hint = 请这样写：`{ $example }`

## Markdown and raw HTML in pages.

html-no-script-hint = 正文里的 HTML 不能运行脚本：请删掉脚本或 `on…` 属性；需要类似功能时，请让技术人员做成短代码或模板功能
html-unclosed-hint = 请在 HTML 块结束的空行之前把它闭合：否则浏览器会把页面后面的 HTML 都当成它的一部分（把文字当成属性）
html-swallow-hint = 请在它的内容结束处写上结束标签（`</…>`）：浏览器读到结束标签之前，页面后面的所有内容（包括网站的导航和页脚）都会被当成它的内容
html-script-url-hint = 不能使用 javascript: 链接；请链接到页面或 https:// 网址
html-data-url-hint = 含有 HTML、XHTML 或 SVG 的 `data:` 网址本身就是一个能运行脚本的页面：请把文档放进 static/，再链接到那个文件
html-shortcode-hint = 请在 HTML 和短代码之间空一行，让短代码回到 Markdown 里；或者用 Markdown 写表格或列表
html-not-closed = `<{ $name }>` 没有闭合
html-script-element = 正文里不能有 `<script>` 元素
html-comment-not-closed = HTML 注释 `<!--` 没有结束
html-markup-not-closed = 以 `<!`、`<?` 或 `</` 开头的标记没有用 `>` 结束
html-end-not-closed = 结尾处的标记没有用 `>` 结束
html-tag-not-closed = 标签 `<{ $name }` 没有用 `>` 结束
html-event-handler = 不能使用内联事件处理属性 `{ $name }`
html-script-url = `{ $name }` 不能使用 javascript: 网址
html-data-url = `{ $name }` 不能使用含有文档的 `data:` 网址
html-srcdoc-script = `srcdoc` 的 HTML 里不能有脚本
html-runs-script-element = 一个 `<script>` 元素
html-runs-srcdoc = `srcdoc` 里含有{ $inner }
html-shortcode = HTML 里的短代码不会被展开
html-page-runs-script = 把页面里的 HTML 连起来读，会运行脚本：{ $what }
html-page-runs-script-hint = 一个 HTML 块里没闭合的元素（例如 `<svg>`）会改变浏览器读下一个块的方式：请在打开元素的同一个块里把它闭合
link-script-url = 链接指向 javascript: 网址 `{ $url }`
link-data-url = 链接指向含有文档的 `data:` 网址
link-unknown-page-because = 链接指向不存在的页面 `@/{ $key }`：{ $reason }
markdown-too-many-errors = 这个文件有 { $errors } 个错误；只列出前 { $shown } 个
markdown-too-many-errors-hint = 这么多错误往往出自同一个原因，例如想写两个大括号却写成了 `{ "{{" }`；请先改第一个，再重新生成
heading-duplicate-id = 标题 id `{ $id }` 重复了
heading-duplicate-id-hint = 请给每个标题写不同的 { "{" }#id{ "}" }
anchor-did-you-mean-hint = 是不是想写 `#{ $anchor }`？
anchor-list-hint = 这个页面的锚点有：{ $anchors }
anchor-missing = `@/{ $path }` 里没有标题 `#{ $anchor }`

## Shortcodes.

shortcode-form-hint = 短代码要写在一行里：{ "{{" } name(key="value", n=3, flag=true) { "}}" }；要原样显示“{ "{{" }”，请写成 \{ "{{" }，或者放在 `代码` 里
shortcode-expected-open = 这里应该是 `{ "{{" }`
shortcode-expected-name = `{ "{{" }` 后面应该是短代码的名字
shortcode-expected-paren = 短代码名字 `{ $name }` 后面应该是 `(`
shortcode-unclosed = 短代码没有结束：`)` 后面应该是 `{ "}}" }`
shortcode-argument-twice = 参数 `{ $key }` 写了两次
shortcode-expected-comma = 参数 `{ $key }` 后面应该是 `,` 或 `)`
shortcode-expected-argument = 这里应该是参数名或 `)`
shortcode-expected-equals = 参数 `{ $key }` 后面应该是 `=`
shortcode-expected-value = 参数 `{ $key }` 需要一个值：带引号的 "文本"、数字、true 或 false
shortcode-unterminated-string = 参数 `{ $key }` 里的文本没有结束的引号
shortcode-bad-number = `{ $text }` 不是参数 `{ $key }` 可以用的数字
markdown-body-outside = Markdown 正文的位置超出了文件范围（程序缺陷）

## Templates.

template-missing = 缺少模板 `templates/{ $name }`
template-missing-hint = 请从 profilegen 新建的示例网站（`profilegen new`）里复制一份
template-convert-failed = 无法写入转换后的页面：{ $detail }
template-unknown = 模板 `{ $name }` 不存在
template-unknown-hint = 模板是 templates/ 里的文件，例如 `template = "data.html"`
template-error = 模板出错：{ $detail }
template-while-rendering = 出错时正在生成 `{ $file }`
template-group-unknown = 不存在的统计分组 `{ $id }`
template-image-size = `{ $key }={ $value }` 不是有效的像素尺寸（1 到 { $max }）
template-image-op = 不认识的图片处理方式 `{ $op }`（提示：op="fit" 把整张图缩放到宽 × 高以内，op="fill" 裁剪成正好这个尺寸）
template-image-format = 不认识的图片格式 `{ $format }`（提示：jpg、png、webp，或者不写）
template-image-fill = op="fill" 需要同时写宽和高（提示：image(path=…, width=1200, height=630, op="fill")）
template-no-lang = 这个模板的上下文里没有 `lang`
template-hint-inline = { $message }（提示：{ $hint }）
template-stat-unknown = 不存在的统计项 id `{ $id }`
template-json-failed = 无法写出 JSON：{ $detail }

## check: its report and findings.

check-group-generated = 模板和生成的页面
check-conversions = == { $lang }：{ $count } 个词语按词组转换（请核对；`content/{ $lang }.toml` 可以改写任何一个）
check-no-problems = 检查完毕：没有发现问题
check-summary = 检查完毕：{ $files } 个文件里有 { $errors } 个错误、{ $warnings } 个警告
check-external-summary = 外部链接：检查了 { $checked } 个，正常 { $ok } 个，失效 { $broken } 个，超时 { $timed_out } 个
check-link-broken = 链接 `{ $url }` 无效：{ $problem }
check-link-broken-hint = 链接本站页面请写 `@/栏目/页面.md`（每次生成都会检查），链接 static/ 里的文件请写 `/文件名`
check-template-link-broken = `{ $page }`{ $more ->
    [0] {""}
   *[other] 等 { $more } 个页面
}上的链接 `{ $url }` 无效：{ $problem }
check-template-link-broken-hint = 这个链接来自模板或正文里的 HTML；在模板里请用 `link(path="@/…")` 和 `asset(path="…")` 生成链接
check-link-leaves-site = `{ $url }` 跑出了网站
check-link-nothing-there = `{ $url }` 处没有页面或文件
check-link-no-anchor = `{ $target }` 里没有 id 为 `{ $anchor }` 的元素
check-stale-translation = `{ $twin }` { $since ->
    [none] 没有日期
   *[other] 更新于 { $since }
}，早于原文 `{ $original }`（更新于 { $changed }）：译文可能已经过时
check-stale-translation-hint = 请更新译文，然后在它的元数据里写上 `updated = { $changed }`（或更晚的日期）
check-empty-description = `description` 是空的
check-empty-description-hint = 请写一句简介：列表页、搜索引擎和分享预览都会显示它
check-unused-stat = 统计项 `{ $id }` 定义了，但没有页面显示它
check-unused-stat-hint = 请用 { "{{" } stat(id="{ $id }") { "}}" } 或在分组里显示它，或者删掉这条记录
check-forgotten-year = 统计项 `{ $id }` 的数据只到 { $newest } 年，而分组 `{ $group }` 已有 { $group_newest } 年的数字
check-forgotten-year-hint = 请在它的 series 里补上 { $group_newest } 年的数值（series = { "{" } …, { $group_newest } = … { "}" }）；如果已不再公布，请把它移出分组
check-no-alt = 图片没有替代文字
check-no-alt-hint = 请在方括号里描述图片：![工厂全景](factory.jpg)；读屏软件和搜索引擎会读到它
check-no-alt-html-hint = 请加上描述图片的 alt="…"（纯装饰的图片写 alt=""）
check-remote-load = 页面从其他网站加载{ $what ->
    [image] 图片
   *[element] `<{ $element }>`
} `{ $url }`
check-remote-load-hint = 网站要能离线使用、在国内访问：请把文件保存到 static/（或页面旁边），再链接到那里
check-emphasis = 紧挨标点的 `{ $run }` 按 CommonMark 规则不会闭合：页面上会原样显示 `{ $run }`
check-emphasis-hint = 请把标点移到标记外面（写 `{ $run }历经10年发展{ $run }，`，不要写 `{ $run }历经10年发展，{ $run }`），或者改用 <strong>…</strong>
check-external-broken = 外部链接 `{ $url }` 失效：{ $why }
check-external-broken-hint = 请改正或删掉这个链接（也可以链接到存档的副本）
check-external-timeout = 外部链接 `{ $url }` 在 { $seconds } 秒内没有响应
check-external-timeout-hint = 对方服务器可能很慢，或者从这里访问不到；请稍后再试

## The output: feeds, search, collisions, the output folder, URLs that disappear.

feed-section-did-you-mean-hint = 是不是想写 `{ $name }`？（不要订阅源时写 `section = ""`）
feed-section-hint = 请写 content/ 里一个有 _index.md 的文件夹；不要订阅源时写 `""`
feed-section-missing = 订阅源的栏目 `{ $section }` 不存在（没有 content/{ $key }）
feed-write-failed = 无法写出订阅源：{ $detail }
feed-no-date = `{ $path }` 没有 `date`：订阅源里不会收录它
feed-no-date-hint = 请在它的元数据里加上 `date = 2026-11-25`
feed-entry-lost = 订阅源条目的 HTML 没有保留下来（程序缺陷）
output-collision-part = { $kind ->
    [first-page] `{ $source }` 的第一页跳转
    [alias] `{ $source }` 里的别名
    [pager] `{ $source }` 的列表页
   *[file] `{ $source }`
}
output-collision = { $first } 和 { $second } 都要写到 `/{ $url }`
output-collision-alias-hint = 别名不能与网站发布的网址或其他别名相同；请删掉或修改其中一个
output-collision-hint = 请给其中一个改名或删掉它；static/ 或 content/ 里的文件不能顶替生成的页面或其他文件
search-page-taken = `{ $path }` 的网址 `/{ $url }` 正是搜索页的网址
search-page-taken-hint = 请给它换一个 `slug` 或文件夹名，或者在 config.toml 里设置 `[search] enabled = false`
search-template-missing-hint = 请从默认主题里复制一份，或者在 config.toml 里设置 `[search] enabled = false`
search-client-failed = 无法准备搜索程序：{ $detail }
output-write-failed = 无法写出 { $file }：{ $detail }
output-read-failed = 无法读取 `{ $path }`：{ $detail }
output-not-plain-path = 拒绝写入 `{ $path }`：它不是输出文件夹里的普通路径
output-not-plain-path-hint = 这是路径检查的程序缺陷；请报告给技术人员
output-generated-taken = `{ $path }` 既是网站里的一个文件，又是 profilegen 要写在那里的{ $what ->
    [feed] Atom 订阅源
    [manifest] 资源清单
    [search] 搜索索引
   *[sitemap] 网站地图
}
output-generated-taken-hint = 请给 static/ 或 content/ 里的那个文件改名或删掉它
output-disk-fault = 无法把网站写入 `{ $folder }`：{ $reason ->
    [full] 磁盘已满
    [read-only] 磁盘是只读的
   *[other] { $detail }
}
output-disk-fault-hint = 请腾出磁盘空间或让它可写（也可以设置另一个 `output_dir`），然后重新生成；上一次的输出保持原样
output-destroys = 输出文件夹 `{ $path }` 是{ $what ->
    [root] 文件系统的根目录
    [project] 项目文件夹本身
    [ancestor] 项目文件夹的上级目录
    [source] 项目的 `{ $folder }` 文件夹里面
   *[stats] 统计数据文件 `{ $folder }` 所在的文件夹
}；在那里生成会把它毁掉
output-destroys-hint = 请把 `output_dir` 设为一个单独的文件夹，例如 "public"
output-symlink = 输出文件夹 `{ $path }` 是符号链接
output-symlink-hint = 请让 `output_dir` 指向真正的文件夹，或者加 --force 用文件夹替换这个链接
output-is-file = 输出路径 `{ $path }` 是一个文件
output-is-file-hint = 请选择一个文件夹路径
output-not-ours = 输出文件夹 `{ $path }` 里有不是 profilegen 写的文件
output-not-ours-hint = 请把它们移走，或者另选一个 `output_dir`；确实要替换这个文件夹时加 --force（profilegen 用 `{ $marker }` 标记自己的输出）
url-gone = `{ $old }` 上一次生成时发布过，现在既没有页面也没有别名
url-gone-moved-hint = `{ $source }` 现在的网址是 `{ $new }`；请在它的元数据里加上 aliases = ["/{ $url }"]，让指向旧网址的链接继续有效
url-gone-removed-hint = `{ $source }` 被删掉或改名了；请在替代它的页面里加上 aliases = ["/{ $url }"]
url-gone-file-hint = 外部指向它的链接会失效；如果它是有意发布的，请保留这个文件（`{ $source }`）

## serve.

serve-start-failed = 无法启动预览服务器：{ $detail }
serve-port-taken-hint = 另一个程序占用了这个端口：请用 --port 换一个
serve-address-hint = 请检查 --interface 给出的地址
serve-listen-failed = 无法监听 { $address }：{ $reason ->
    [in-use] 地址已被占用
   *[other] { $detail }
}
serve-watch-failed = 无法监视 `{ $path }` 的变化：{ $detail }
serve-watch-failed-hint = 在 Linux 上请调高 inotify 上限：sysctl fs.inotify.max_user_watches=524288
serve-feeds-failed = 无法写出订阅源
serve-search-failed = 无法写出搜索索引：{ $detail }
serve-host-refused = profilegen serve 只响应 { $host }；拒绝了 Host `{ $refused }`
serve-origin-refused = 拒绝了来自 `{ $origin }` 的自动刷新连接
serve-page-unreadable = 无法读取页面
serve-not-built = 网站还没有生成。

## Photos.

image-encode-failed = `{ $path }`：无法生成图片副本：{ $detail }
image-report-bug-hint = 这是程序缺陷；请报告给技术人员
image-cut-short = `{ $path }` 无法解码：文件不完整（缺少图片结束标记）
image-damaged-hint = 文件已损坏或不完整；请重新导出或复制一份
image-undecodable = `{ $path }` 无法解码：{ $detail }
image-not-an-image = `{ $path }` 不是图片（或者已经损坏）
image-not-an-image-hint = 请把照片重新存成 JPEG 或 PNG，或者换一个文件
image-format-unpublished = `{ $path }` 是 { $format } 文件，profilegen 不发布这种格式
image-format-unpublished-hint = 请存成 JPEG（照片）或 PNG（图示、透明背景）
image-extension-lies = `{ $path }` 的扩展名是 .{ $named }，实际却是 { $format } 文件
image-extension-lies-hint = 请把扩展名改成 .{ $real }
image-resize-failed = 无法缩放图片：{ $detail }
image-too-large = `{ $path }` 太大，profilegen 不解码（最多 { $megapixels } 百万像素，每边最多 { $side } 像素）
image-scale-down-hint = 请先把照片缩小再添加（网页用 4000 像素宽已经足够）
image-bomb = `{ $path }` 声明的尺寸是 { $width } × { $height } 像素，超过了 profilegen 解码的上限 { $megapixels } 百万像素
image-unreadable-hint = 请检查文件的权限
image-cache-failed = 无法写入图片缓存 `{ $path }`：{ $detail }
image-cache-failed-hint = 请检查项目文件夹是否可写、磁盘是否已满

## The converted edition's overrides, new, the build.

convert-variant-unknown = `{ $name }` 不是繁体中文的地区变体
convert-variant-unknown-hint = 请把每个词语写在对应地区的表下面：{ $tables }
convert-override-empty = 改写规则需要写出要替换的词语
convert-override-empty-hint = 请这样写："邢台" = "邢臺"
new-not-a-folder = `{ $path }` 已经存在，而且不是文件夹
new-not-a-folder-hint = 请另选一个新的文件夹名
new-not-empty = 文件夹 `{ $path }` 不是空的
new-not-empty-hint = `profilegen new` 只往新的或空的文件夹里写，不会覆盖你的任何文件；请另选一个名字
build-no-model = 生成过程没有保留数据模型（程序缺陷）

## The progress bar.

progress-stage = { $stage ->
    [photos] 照片
   *[pages] 页面
}

## Lists.

list-or = { " 或 " }

## Reports of problems: a hint followed by the count of the same problem elsewhere.

diag-hint-and-more = { $hint }{ $more }
