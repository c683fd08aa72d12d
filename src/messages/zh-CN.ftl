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
new-next = 下一步：cd { $dir } && profilegen serve   （然后修改 config.toml 和 content/ 里的内容）
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
