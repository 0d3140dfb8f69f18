module versus.test/gorender

go 1.19
